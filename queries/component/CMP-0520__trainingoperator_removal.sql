/*---
id: CMP-0520
title: Kubeflow Training Operator v1 is enabled but is removed in RHOAI 3.6
group: component
severity: critical
aliases: [components.trainingoperator.removal]
applies_to:
  target: ">=3.6"
requires: [datascienceclusters]
message: >-
  {% if absent %}No DataScienceCluster found in the bundle, so the Training Operator removal check cannot tell the component state.
  {% else %}DataScienceCluster {{ name }} has trainingoperator.managementState={{ observed }}; Kubeflow Training Operator v1 is removed in RHOAI 3.6. Use Trainer v2 instead.{% endif %}
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
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/trainingoperator/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/trainingoperator/managementState' as observed,
    false as absent,
    'critical' as severity
from datascienceclusters as dsc
where (dsc.raw ->> '/spec/components/trainingoperator/managementState') = 'Managed'
union all
-- like rhai-cli's component checks: no DSC at all is an advisory finding, not a pass
select 'DataScienceCluster', null, '(none)', null, null, '(absent)', true, 'warning'
where not exists (select 1 from datascienceclusters)
order by name
