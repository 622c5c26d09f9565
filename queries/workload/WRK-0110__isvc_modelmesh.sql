/*---
id: WRK-0110
title: ModelMesh InferenceServices are removed in RHOAI 3.x (ModelMeshInferenceServicesCompatible)
group: workload
severity: critical
aliases: [workloads.kserve.impacted-workloads]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, inferenceservices]
component_state: {component: [kserve, modelmeshserving], states: [Managed]}
message: >-
  InferenceService {{ namespace }}/{{ name }} is annotated serving.kserve.io/deploymentMode=ModelMesh (condition ModelMeshInferenceServicesCompatible); ModelMesh is removed in RHOAI 3.x and the endpoint will answer HTTP 503.
remediation: |
  Redeploy the model as a KServe RawDeployment InferenceService with a single-model runtime
  before upgrading, then delete the ModelMesh InferenceService.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: high
---*/
-- workloads.kserve.impacted-workloads emits seven condition rows; mgscan implements each
-- condition as its own rule (WRK-0100 … WRK-0160), one finding per impacted object.

select
    'InferenceService' as kind,
    i.namespace,
    i.name,
    i.file as evidence_file,
    '/metadata/annotations/serving.kserve.io~1deploymentMode' as evidence_pointer,
    i.annotations ->> 'serving.kserve.io/deploymentMode' as observed,
    'ModelMeshInferenceServicesCompatible' as condition_type,
    i.input_id
from inferenceservices as i
where (i.annotations ->> 'serving.kserve.io/deploymentMode') = 'ModelMesh'
order by i.namespace, i.name
