/*---
id: CMP-0010
title: CodeFlare is enabled but is removed in RHOAI 3.x
group: component
severity: critical
aliases: [components.ray.codeflare-removal]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters]
message: >-
  {% if absent %}No DataScienceCluster found in the bundle, so the CodeFlare check cannot tell the component state (rhai-cli reports this as a warning).
  {% else %}DataScienceCluster {{ name }} has codeflare.managementState={{ observed }}; the CodeFlare operator is removed in RHOAI 3.3.{% endif %}
remediation: |
  Set `spec.components.codeflare.managementState` to `Removed` in the DataScienceCluster before
  upgrading. Ray keeps working through the standalone KubeRay operator; run the vendor's
  RayCluster backup/migration steps for CodeFlare-managed RayClusters first (see the Ray
  workload rules), and not too early, since removing CodeFlare drops its OAuth protection.
links:
  - {title: "Migrating from RHOAI 2.x to 3.x", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/codeflare/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/codeflare/managementState' as observed,
    false as absent,
    'critical' as severity
from datascienceclusters as dsc
where (dsc.raw ->> '/spec/components/codeflare/managementState') = 'Managed'
union all
-- like rhai-cli's component checks: no DSC at all is an advisory finding, not a pass
select 'DataScienceCluster', null, '(none)', null, null, '(absent)', true, 'warning'
where not exists (select 1 from datascienceclusters)
order by name
