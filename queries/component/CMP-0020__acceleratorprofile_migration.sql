/*---
id: CMP-0020
title: AcceleratorProfiles will be migrated to HardwareProfiles
group: component
severity: warning
aliases: [components.dashboard.acceleratorprofile-migration]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [acceleratorprofiles]
message: >-
  AcceleratorProfile {{ namespace }}/{{ name }} is deprecated and will be migrated automatically
  to an infrastructure.opendatahub.io HardwareProfile during the upgrade.
remediation: |
  Nothing is required before the upgrade: RHOAI converts AcceleratorProfiles
  (`dashboard.opendatahub.io`) to HardwareProfiles (`infrastructure.opendatahub.io`). After the
  upgrade, check that the generated HardwareProfiles carry the expected identifiers,
  tolerations and node selectors, and update automation that creates AcceleratorProfiles.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'AcceleratorProfile' as kind,
    ap.namespace,
    ap.name,
    ap.file as evidence_file,
    '/spec/identifier' as evidence_pointer,
    coalesce(ap.raw ->> '/spec/identifier', ap.api_version) as observed
from acceleratorprofiles as ap
order by ap.namespace, ap.name
