/*---
id: WRK-0230
title: Notebooks reference HardwareProfiles that do not exist
group: workload
severity: critical
aliases: [workloads.notebook.hardware-profile-integrity]
requires: [datascienceclusters, notebooks, hardwareprofiles]
component_state:
  component: workbenches
  states: [Managed, Unmanaged]
message: >-
  Notebook {{ namespace }}/{{ name }} references HardwareProfile {{ hwp_ref }}, which does not
  exist as an infrastructure.opendatahub.io HardwareProfile.
remediation: |
  Create the HardwareProfile, or point the Notebook's `opendatahub.io/hardware-profile-name` /
  `opendatahub.io/hardware-profile-namespace` annotations at an existing one.
  Offline limitation: the vendor reads profiles at the CRD storage version and also fails when the
  CRD itself is absent; a bundle shows only the collected HardwareProfile objects.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
tags: [absence]   # reports something missing: not_evaluated on obfuscated bundles
---*/
with refs as (
    select
        n.namespace, n.name, n.file, n.input_id,
        n.annotations ->> 'opendatahub.io/hardware-profile-name' as hwp_name,
        coalesce(nullif(n.annotations ->> 'opendatahub.io/hardware-profile-namespace', ''),
                 n.namespace) as hwp_namespace
    from notebooks as n
    where coalesce(n.annotations ->> 'opendatahub.io/hardware-profile-name', '') <> ''
)
select
    'Notebook' as kind,
    r.namespace,
    r.name,
    r.file as evidence_file,
    '/metadata/annotations/opendatahub.io~1hardware-profile-name' as evidence_pointer,
    r.hwp_name as observed,
    r.hwp_namespace || '/' || r.hwp_name as hwp_ref,
    r.input_id
from refs as r
where not exists (select 1 from hardwareprofiles as h
                  where h.namespace = r.hwp_namespace and h.name = r.hwp_name)
order by r.namespace, r.name
