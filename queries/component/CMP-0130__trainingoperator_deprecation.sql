/*---
id: CMP-0130
title: Kubeflow Training Operator v1 is enabled but deprecated
group: component
severity: warning
aliases: [components.trainingoperator.deprecation]
applies_to:
  target: ">=3.3"
requires: [datascienceclusters]
component_state:
  component: trainingoperator
  states: [Managed]
message: >-
  DataScienceCluster {{ name }} has trainingoperator.managementState={{ observed }}; Kubeflow Training Operator v1 is deprecated in RHOAI 3.3 and will be replaced by Trainer v2.
remediation: |
  Plan the move of PyTorchJobs and other Training Operator v1 jobs to Kubeflow Trainer v2
  (TrainJob), and complete or delete active PyTorchJobs before the upgrade. Later rhai-cli
  builds say the Training Operator is removed in 3.6 and add a critical check
  (`components.trainingoperator.removal`) for targets 3.6 and later.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/trainingoperator/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/trainingoperator/managementState' as observed
from datascienceclusters as dsc
order by dsc.name
