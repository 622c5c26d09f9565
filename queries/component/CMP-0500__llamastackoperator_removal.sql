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
component_state:
  component: llamastackoperator
  states: [Managed]
message: >-
  DataScienceCluster {{ name }} has llamastackoperator.managementState={{ observed }}; the Llama Stack Operator is replaced by OGX in RHOAI 3.5.
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
    c.name,
    c.file as evidence_file,
    c.pointer as evidence_pointer,
    c.state as observed,
    'critical' as severity,
    c.input_id
from mgscan_dsc_component_states as c
where c.component = 'llamastackoperator'
order by name
