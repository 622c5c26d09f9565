/*---
id: CMP-0570
title: The dashboard URL changes to a gateway route after the upgrade
group: component
severity: warning
aliases: [components.dashboard.route-migration]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, routes]
message: >-
  {% if absent %}No DataScienceCluster found in the bundle, so the dashboard route check cannot run.
  {% else %}Dashboard Route {{ namespace }}/{{ name }} ({{ observed }}) is replaced by a gateway-based route in RHOAI 3.x, so the dashboard URL changes after the upgrade.{% endif %}
remediation: |
  After the upgrade, update bookmarks, scripts and integrations that use the old dashboard URL.
  Tell users the new address in advance.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'Route' as kind,
    r.namespace,
    r.name,
    r.file as evidence_file,
    '/spec/host' as evidence_pointer,
    coalesce(r.raw ->> '/spec/host', '(no host)') as observed,
    false as absent,
    'warning' as severity,
    r.input_id
from routes as r, mgscan_params as p
where r.namespace = p.app_namespace and r.name in ('rhods-dashboard', 'odh-dashboard')
  and exists (select 1 from datascienceclusters)
union all by name
-- like rhai-cli's component checks: no DSC at all is an advisory finding, not a pass
select * from mgscan_no_dsc
order by namespace, name
