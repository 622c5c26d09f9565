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
message: >-
  ServingRuntime {{ namespace }}/{{ name }} sets .spec.multiModel=true (condition ModelMeshServingRuntimesCompatible); multi-model serving is removed in RHOAI 3.x.
remediation: |
  Replace the multi-model ServingRuntime with a single-model runtime for KServe RawDeployment,
  move its models over, then delete it before upgrading.
links:
  - {title: "Migrating from RHOAI 2.x to 3.x", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: high
---*/
-- workloads.kserve.impacted-workloads emits seven condition rows; mgscan implements each
-- condition as its own rule (WRK-0100 … WRK-0160), one finding per impacted object.
-- Gate (vendor): kserve OR modelmeshserving Managed. component_state takes one component, so the
-- OR is checked in SQL; when neither is Managed the rule returns no rows.
with gate as (
    select 1 from datascienceclusters as d
    where (d.raw ->> '/spec/components/kserve/managementState') = 'Managed'
       or (d.raw ->> '/spec/components/modelmeshserving/managementState') = 'Managed'
    limit 1
)
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
  and exists (select 1 from gate)
order by s.namespace, s.name
