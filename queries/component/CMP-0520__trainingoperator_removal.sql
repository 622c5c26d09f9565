/*---
id: CMP-0520
title: Kubeflow Training Operator v1 is enabled but is removed in RHOAI 3.6
group: component
severity: critical
aliases: [components.trainingoperator.removal]
applies_to:
  target: ">=3.6"
requires: [datascienceclusters]
component_state:
  component: trainingoperator
  states: [Managed]
message: >-
  DataScienceCluster {{ name }} has trainingoperator.managementState={{ observed }}; Kubeflow Training Operator v1 is removed in RHOAI 3.6. Use Trainer v2 instead.
remediation: |
  Before upgrading, let active PyTorchJobs finish (or delete them), set
  `spec.components.trainingoperator.managementState` to `Removed` in the DataScienceCluster and
  delete the TrainingOperator resource. Recreate training jobs as Trainer v2 TrainJobs.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
select
    'DataScienceCluster' as kind,
    null as namespace,
    c.name,
    c.file as evidence_file,
    c.pointer as evidence_pointer,
    c.state as observed,
    'critical' as severity,
    c.input_id
from mgscan_dsc_component_states as c
where c.component = 'trainingoperator'
order by name
