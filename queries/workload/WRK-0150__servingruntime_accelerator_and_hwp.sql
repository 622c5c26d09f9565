/*---
id: WRK-0150
title: ServingRuntimes carry both AcceleratorProfile and HardwareProfile annotations (AcceleratorAndHWProfileServingRuntimesCompatible)
group: workload
severity: warning
aliases: [workloads.kserve.impacted-workloads]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, servingruntimes]
component_state: {component: [kserve, modelmeshserving], states: [Managed]}
message: >-
  ServingRuntime {{ namespace }}/{{ name }} has both opendatahub.io/accelerator-name and opendatahub.io/hardware-profile-name ({{ both_names }}) (condition AcceleratorAndHWProfileServingRuntimesCompatible).
remediation: |
  Review the runtime: keep the HardwareProfile reference and drop the deprecated
  `opendatahub.io/accelerator-name` annotation once the AcceleratorProfile has been migrated.
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
    'accelerator-name=' || (s.annotations ->> 'opendatahub.io/accelerator-name')
        || ', hardware-profile-name=' || (s.annotations ->> 'opendatahub.io/hardware-profile-name')
        as both_names,
    'AcceleratorAndHWProfileServingRuntimesCompatible' as condition_type,
    s.input_id
from servingruntimes as s
where coalesce(s.annotations ->> 'opendatahub.io/accelerator-name', '') <> ''
  and coalesce(s.annotations ->> 'opendatahub.io/hardware-profile-name', '') <> ''
order by s.namespace, s.name
