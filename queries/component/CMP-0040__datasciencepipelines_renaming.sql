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
message: >-
  {% if absent %}No DataScienceCluster found in the bundle, so the DataSciencePipelines renaming check cannot tell the component state (rhai-cli reports this as a warning).
  {% else %}DataScienceCluster {{ name }} has datasciencepipelines.managementState={{ observed }}; in RHOAI 3.3 (DataScienceCluster v2) .spec.components.datasciencepipelines becomes .spec.components.aipipelines.{% endif %}
remediation: |
  Nothing to do before the upgrade: the operator converts the field. Afterwards, update any
  automation (GitOps manifests, scripts, policies) that reads or writes
  `spec.components.datasciencepipelines` to use `spec.components.aipipelines`.
links:
  - {title: "Migrating from RHOAI 2.x to 3.x", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/datasciencepipelines/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/datasciencepipelines/managementState' as observed,
    false as absent,
    'warning' as severity
from datascienceclusters as dsc
where (dsc.raw ->> '/spec/components/datasciencepipelines/managementState') = 'Managed'
union all
-- like rhai-cli's component checks: no DSC at all is an advisory finding, not a pass
select 'DataScienceCluster', null, '(none)', null, null, '(absent)', true, 'warning'
where not exists (select 1 from datascienceclusters)
order by name
