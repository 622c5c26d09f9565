/*---
id: CMP-0030
title: Legacy dashboard HardwareProfiles will be migrated
group: component
severity: warning
aliases: [components.dashboard.hardwareprofile-migration]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [dashboard_hardwareprofiles]
message: >-
  HardwareProfile {{ namespace }}/{{ name }} ({{ observed }}) is a legacy dashboard profile and
  will be migrated automatically to an infrastructure.opendatahub.io HardwareProfile.
remediation: |
  Nothing is required before the upgrade: legacy `dashboard.opendatahub.io` HardwareProfiles
  are converted to `infrastructure.opendatahub.io` HardwareProfiles. After the upgrade, review
  the converted profiles and update automation that still creates the legacy kind.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'HardwareProfile' as kind,
    hp.namespace,
    hp.name,
    hp.file as evidence_file,
    '/apiVersion' as evidence_pointer,
    hp.api_version as observed
from dashboard_hardwareprofiles as hp
order by hp.namespace, hp.name
