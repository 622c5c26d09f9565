/*---
id: WRK-0080
title: InferenceServices use deprecated AcceleratorProfiles
group: workload
severity: warning
aliases: [workloads.kserve.accelerator-migration]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, inferenceservices]
component_state: {component: [kserve, modelmeshserving], states: [Managed]}
message: >-
  InferenceService {{ namespace }}/{{ name }} uses AcceleratorProfile
  {{ profile_namespace }}/{{ profile_name }} ({{ profile_status }}); AcceleratorProfiles are
  deprecated and migrated automatically to infrastructure.opendatahub.io HardwareProfiles.
remediation: |
  Nothing to do before the upgrade: AcceleratorProfiles are migrated automatically. Where the
  referenced profile does not exist, fix or remove the `opendatahub.io/accelerator-name`
  annotation, since there is nothing to migrate.
links:
  - {title: "Migrating from RHOAI 2.x to 3.x", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
with refs as (
    select
        i.namespace, i.name, i.file, i.input_id,
        i.annotations ->> 'opendatahub.io/accelerator-name' as profile_name,
        coalesce(nullif(i.annotations ->> 'opendatahub.io/accelerator-profile-namespace', ''),
                 p.app_namespace) as profile_namespace
    from inferenceservices as i, mgscan_params as p
    where coalesce(i.annotations ->> 'opendatahub.io/accelerator-name', '') <> ''
)
select
    'InferenceService' as kind,
    r.namespace,
    r.name,
    r.file as evidence_file,
    '/metadata/annotations/opendatahub.io~1accelerator-name' as evidence_pointer,
    r.profile_name as observed,
    r.profile_name,
    r.profile_namespace,
    case when (select count(*) from acceleratorprofiles) = 0
             then 'existence unknown: AcceleratorProfiles not collected'
         when exists (select 1 from acceleratorprofiles as a
                      where a.namespace = r.profile_namespace and a.name = r.profile_name)
             then 'profile exists'
         else 'profile missing' end as profile_status,
    r.input_id
from refs as r
order by r.namespace, r.name
