/*---
id: CMP-0040
title: DataSciencePipelines is renamed AIPipelines in RHOAI 3.x
group: component
severity: warning
aliases: [components.datasciencepipelines.renaming]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters]
component_state:
  component: datasciencepipelines
  states: [Managed]
message: >-
  DataScienceCluster {{ name }} has datasciencepipelines.managementState={{ observed }}; in RHOAI 3.3 (DataScienceCluster v2) .spec.components.datasciencepipelines becomes .spec.components.aipipelines.
remediation: |
  Nothing to do before the upgrade: the operator converts the field. Afterwards, update any
  automation (GitOps manifests, scripts, policies) that reads or writes
  `spec.components.datasciencepipelines` to use `spec.components.aipipelines`.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/datasciencepipelines/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/datasciencepipelines/managementState' as observed
from datascienceclusters as dsc
order by dsc.name
