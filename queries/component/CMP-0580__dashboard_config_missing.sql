/*---
id: CMP-0580
title: The dashboard configuration (OdhDashboardConfig) is missing
group: component
severity: warning
aliases: [components.dashboard.config-compatibility]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, odhdashboardconfigs]
message: >-
  {% if kind == 'DataScienceCluster' %}No DataScienceCluster found in the bundle, so the dashboard configuration check cannot run.
  {% else %}OdhDashboardConfig {{ name }} was not found in the applications namespace {{ namespace }}; dashboard settings may need to be recreated after the upgrade.{% endif %}
remediation: |
  Check on the cluster with `oc get odhdashboardconfig odh-dashboard-config -n <applications
  namespace>`. If it is missing after the upgrade, recreate it with the settings you need.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
tags: [absence]
---*/
select
    'OdhDashboardConfig' as kind,
    p.app_namespace as namespace,
    'odh-dashboard-config' as name,
    null as evidence_file,
    null as evidence_pointer,
    '(absent)' as observed,
    true as absent,  -- names the OdhDashboardConfig that is missing
    'warning' as severity
from mgscan_params as p
where not exists (select 1 from odhdashboardconfigs as o
                  where o.namespace = p.app_namespace and o.name = 'odh-dashboard-config')
  and exists (select 1 from datascienceclusters)
union all by name
-- like rhai-cli's component checks: no DSC at all is an advisory finding, not a pass
select * from mgscan_no_dsc
order by name
