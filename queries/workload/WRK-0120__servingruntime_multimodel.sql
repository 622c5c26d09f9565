/*---
id: WRK-0120
title: Multi-model (ModelMesh) ServingRuntimes are removed in RHOAI 3.x (ModelMeshServingRuntimesCompatible)
group: workload
severity: critical
aliases: [workloads.kserve.impacted-workloads]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, servingruntimes]
component_state: {component: [kserve, modelmeshserving], states: [Managed]}
message: >-
  ServingRuntime {{ namespace }}/{{ name }} sets .spec.multiModel=true (condition ModelMeshServingRuntimesCompatible); multi-model serving is removed in RHOAI 3.x.
remediation: |
  Replace the multi-model ServingRuntime with a single-model runtime for KServe RawDeployment,
  move its models over, then delete it before upgrading.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: high
---*/
-- workloads.kserve.impacted-workloads emits seven condition rows; mgscan implements each
-- condition as its own rule (WRK-0100 … WRK-0160), one finding per impacted object.

select
    'ServingRuntime' as kind,
    s.namespace,
    s.name,
    s.file as evidence_file,
    '/spec/multiModel' as evidence_pointer,
    s.raw ->> '/spec/multiModel' as observed,
    'ModelMeshServingRuntimesCompatible' as condition_type,
    s.input_id
from servingruntimes as s
where (s.raw ->> '/spec/multiModel') = 'true'
order by s.namespace, s.name
