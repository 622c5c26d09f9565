/*---
id: CMP-0560
title: Dashboard pods still run the oauth-proxy sidecar that RHOAI 3.x replaces
group: component
severity: warning
aliases: [components.dashboard.auth-model-migration]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, pods]
message: >-
  {% if absent %}No DataScienceCluster found in the bundle, so the dashboard authentication check cannot run.
  {% else %}Dashboard pod {{ namespace }}/{{ name }} runs the oauth-proxy sidecar; RHOAI 3.x replaces it with kube-rbac-proxy. The operator migrates the dashboard automatically during the upgrade.{% endif %}
remediation: |
  No manual action is needed: the operator switches the dashboard to kube-rbac-proxy during the
  upgrade. Tell users that they sign in again afterwards, and update anything that relied on the
  oauth-proxy behaviour.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'Pod' as kind,
    po.namespace,
    po.name,
    po.file as evidence_file,
    '/spec/containers/' || (list_position(
        list_transform(from_json(po.raw -> '/spec/containers', '["json"]'), lambda c: c ->> '$.name'),
        'oauth-proxy') - 1)::varchar || '/name' as evidence_pointer,
    'oauth-proxy' as observed,
    false as absent,
    'warning' as severity,
    po.input_id
from pods as po, mgscan_params as p
where po.namespace = p.app_namespace
  and (po.labels ->> 'app') = 'rhods-dashboard'
  and list_contains(list_transform(coalesce(from_json(po.raw -> '/spec/containers', '["json"]'), []),
                                   lambda c: c ->> '$.name'), 'oauth-proxy')
  and exists (select 1 from datascienceclusters)
union all by name
-- like rhai-cli's component checks: no DSC at all is an advisory finding, not a pass
select * from mgscan_no_dsc
order by namespace, name
