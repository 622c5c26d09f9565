/*---
id: WRK-0130
title: InferenceServices use ServingRuntimes removed in RHOAI 3.x (RemovedServingRuntimesCompatible)
group: workload
severity: critical
aliases: [workloads.kserve.impacted-workloads]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, inferenceservices]
component_state: {component: [kserve, modelmeshserving], states: [Managed]}
message: >-
  InferenceService {{ namespace }}/{{ name }} uses runtime {{ observed }} (condition RemovedServingRuntimesCompatible), which is removed in RHOAI 3.x. {{ replacement }}
remediation: |
  Move the InferenceService to a supported runtime (for example vLLM or the OpenVINO Model
  Server runtime for KServe) before upgrading.
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
    '/spec/predictor/model/runtime' as evidence_pointer,
    i.raw ->> '/spec/predictor/model/runtime' as observed,
    r.replacement,
    'RemovedServingRuntimesCompatible' as condition_type,
    i.input_id
from inferenceservices as i
join ref_removed_runtimes as r on (i.raw ->> '/spec/predictor/model/runtime') = r.runtime
order by i.namespace, i.name
