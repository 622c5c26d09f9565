/*---
id: WRK-0190
title: Notebooks use deprecated AcceleratorProfiles
group: workload
severity: warning
aliases: [workloads.notebook.accelerator-migration]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, notebooks]
component_state:
  component: workbenches
  states: [Managed, Unmanaged]
message: >-
  Notebook {{ namespace }}/{{ name }} uses AcceleratorProfile {{ profile_namespace }}/{{ profile_name }}
  ({{ profile_status }}); AcceleratorProfiles are deprecated and migrated automatically to
  infrastructure.opendatahub.io HardwareProfiles.
remediation: |
  Nothing to do before the upgrade: AcceleratorProfiles are migrated automatically. Where the
  referenced profile does not exist, fix or remove the `opendatahub.io/accelerator-name`
  annotation.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
-- The references and the profile check are the shared view mgscan_accelerator_refs
-- (queries/_views/accelerator_references.sql).
select
    'Notebook' as kind,
    r.namespace,
    r.name,
    r.file as evidence_file,
    '/metadata/annotations/opendatahub.io~1accelerator-name' as evidence_pointer,
    r.profile_name as observed,
    r.profile_name,
    r.profile_namespace,
    r.profile_status,
    r.input_id
from mgscan_accelerator_refs as r
where r.kind = 'Notebook'
order by r.namespace, r.name
