/*---
id: CMP-0130
title: Kubeflow Training Operator v1 is enabled but deprecated
group: component
severity: warning
aliases: [components.trainingoperator.deprecation]
vendor_commit: 757b793
applies_to:
  target: ">=3.3,<3.6"          # vendor: 3.3 to 3.5 only; from 3.6 components.trainingoperator.removal
requires: [datascienceclusters]
component_state:
  component: trainingoperator
  states: [Managed]
message: >-
  DataScienceCluster {{ name }} has trainingoperator.managementState={{ observed }}; Kubeflow Training Operator v1 is deprecated since RHOAI 3.3 and removed in 3.6; migrate to Trainer v2.
remediation: |
  Plan the migration from the Training Operator (Kubeflow v1) to Kubeflow Trainer v2 (TrainJob)
  before upgrading to 3.6, where the Training Operator is removed; complete or delete active
  PyTorchJobs before the upgrade. This check applies to targets 3.3 to 3.5; for 3.6 and later the
  removal check (`components.trainingoperator.removal`) takes over.
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
