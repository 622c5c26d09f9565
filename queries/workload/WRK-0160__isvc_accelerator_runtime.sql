/*---
id: WRK-0160
title: InferenceServices use a ServingRuntime with an AcceleratorProfile (AcceleratorServingRuntimeISVCsCompatible)
group: workload
severity: warning
aliases: [workloads.kserve.impacted-workloads]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, inferenceservices, servingruntimes]
component_state: {component: [kserve, modelmeshserving], states: [Managed]}
message: >-
  InferenceService {{ namespace }}/{{ name }} uses ServingRuntime {{ observed }}, which carries opendatahub.io/accelerator-name={{ accelerator }} (condition AcceleratorServingRuntimeISVCsCompatible).
remediation: |
  Nothing is required before the upgrade (AcceleratorProfiles are migrated automatically); after
  it, check that the model still schedules on the intended accelerators.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
-- workloads.kserve.impacted-workloads emits seven condition rows; mgscan implements each
-- condition as its own rule (WRK-0100 … WRK-0160), one finding per impacted object.

select
    'InferenceService' as kind,
    i.namespace,
    i.name,
    i.file as evidence_file,
    '/spec/predictor/model/runtime' as evidence_pointer,
    s.name as observed,
    s.annotations ->> 'opendatahub.io/accelerator-name' as accelerator,
    'AcceleratorServingRuntimeISVCsCompatible' as condition_type,
    i.input_id
from inferenceservices as i
join servingruntimes as s
  on s.namespace = i.namespace and s.name = (i.raw ->> '/spec/predictor/model/runtime')
where coalesce(s.annotations ->> 'opendatahub.io/accelerator-name', '') <> ''
order by i.namespace, i.name
