/*---
id: CMP-0500
title: Llama Stack Operator is enabled but is replaced by OGX in RHOAI 3.5
group: component
severity: critical
aliases: [components.llamastackoperator.removal]
applies_to:
  source: ">=3.4,<3.5"
  target: ">=3.5,<3.6"
requires: [datascienceclusters]
message: >-
  {% if absent %}No DataScienceCluster found in the bundle, so the Llama Stack Operator check cannot tell the component state.
  {% else %}DataScienceCluster {{ name }} has llamastackoperator.managementState={{ observed }}; the Llama Stack Operator is replaced by OGX in RHOAI 3.5.{% endif %}
remediation: |
  Back up every LlamaStackDistribution, then set
  `spec.components.llamastackoperator.managementState` to `Removed` in the DataScienceCluster
  before upgrading from 3.4 to 3.5. After the upgrade, recreate the distributions as OGXServer
  resources.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/llamastackoperator/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/llamastackoperator/managementState' as observed,
    false as absent,
    'critical' as severity
from datascienceclusters as dsc
where (dsc.raw ->> '/spec/components/llamastackoperator/managementState') = 'Managed'
union all
-- like rhai-cli's component checks: no DSC at all is an advisory finding, not a pass
select 'DataScienceCluster', null, '(none)', null, null, '(absent)', true, 'warning'
where not exists (select 1 from datascienceclusters)
order by name
