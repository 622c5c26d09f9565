/*---
id: WRK-0140
title: ServingRuntimes use AcceleratorProfiles only (AcceleratorOnlyServingRuntimesCompatible)
group: workload
severity: warning
aliases: [workloads.kserve.impacted-workloads]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, servingruntimes]
component_state: {component: [kserve, modelmeshserving], states: [Managed]}
message: >-
  ServingRuntime {{ namespace }}/{{ name }} has opendatahub.io/accelerator-name={{ observed }} and no opendatahub.io/hardware-profile-name (condition AcceleratorOnlyServingRuntimesCompatible); the AcceleratorProfile is migrated automatically to a HardwareProfile.
remediation: |
  Nothing is required before the upgrade (the migration is automatic); after it, check that the
  runtime points at the migrated HardwareProfile.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
-- workloads.kserve.impacted-workloads emits seven condition rows; mgscan implements each
-- condition as its own rule (WRK-0100 … WRK-0160), one finding per impacted object.

select
    'ServingRuntime' as kind,
    s.namespace,
    s.name,
    s.file as evidence_file,
    '/metadata/annotations/opendatahub.io~1accelerator-name' as evidence_pointer,
    s.annotations ->> 'opendatahub.io/accelerator-name' as observed,
    'AcceleratorOnlyServingRuntimesCompatible' as condition_type,
    s.input_id
from servingruntimes as s
where coalesce(s.annotations ->> 'opendatahub.io/accelerator-name', '') <> ''
  and coalesce(s.annotations ->> 'opendatahub.io/hardware-profile-name', '') = ''
order by s.namespace, s.name
