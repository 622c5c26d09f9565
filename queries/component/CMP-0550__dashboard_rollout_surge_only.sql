/*---
id: CMP-0550
title: The dashboard rolling update can only progress by surging extra pods
group: component
severity: warning
aliases: [components.dashboard.rollout-strategy]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, deployments]
message: >-
  {% if absent %}No DataScienceCluster found in the bundle, so the dashboard rollout check cannot run.
  {% else %}Deployment {{ namespace }}/{{ name }} has {{ replicas }} replicas with maxUnavailable={{ max_unavailable }}, which resolves to 0: the rolling update during the upgrade can only progress by surging {{ surge }} extra pod(s), and stalls if the cluster cannot schedule them next to the existing pods.{% endif %}
remediation: |
  Set `maxUnavailable` to at least 1 in the dashboard Deployment's rolling-update strategy, or make
  sure the cluster has room to schedule the surge pods next to the existing ones.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
with d as (
    select dep.namespace, dep.name, dep.file, dep.input_id,
           coalesce(try_cast(dep.raw ->> '/spec/replicas' as double), 0)::integer as replicas,
           dep.raw -> '/spec/strategy/rollingUpdate/maxUnavailable' as mu,
           dep.raw -> '/spec/strategy/rollingUpdate/maxSurge' as ms,
           coalesce(dep.raw ->> '/spec/strategy/type', '') as strategy
    from deployments as dep, mgscan_params as p
    where dep.namespace = p.app_namespace and dep.name = 'rhods-dashboard'
),
-- like Kubernetes: absent fields default to 25%; maxUnavailable rounds down, maxSurge rounds up;
-- a value that does not parse counts as 1, so no stall is claimed that cannot be shown
r as (
    select *,
        coalesce(mu ->> '$', '25%') as mu_text,
        case
            when coalesce(mu ->> '$', '25%') like '%\%' escape '\' then
                coalesce(floor(try_cast(rtrim(coalesce(mu ->> '$', '25%'), '%') as double) / 100 * replicas), 1)
            else coalesce(try_cast(mu ->> '$' as integer), 1)
        end as eff_mu,
        case
            when coalesce(ms ->> '$', '25%') like '%\%' escape '\' then
                coalesce(ceil(try_cast(rtrim(coalesce(ms ->> '$', '25%'), '%') as double) / 100 * replicas), 1)
            else coalesce(try_cast(ms ->> '$' as integer), 1)
        end as eff_ms
    from d
)
select
    'Deployment' as kind,
    r.namespace,
    r.name,
    r.file as evidence_file,
    '/spec/strategy/rollingUpdate/maxUnavailable' as evidence_pointer,
    coalesce(r.mu ->> '$', '(not set)') as observed,
    r.mu_text || case when r.mu is null then ' (Kubernetes default)' else '' end as max_unavailable,
    r.replicas,
    r.eff_ms::integer as surge,
    false as absent,
    'warning' as severity,
    r.input_id
from r
where r.strategy <> 'Recreate' and r.replicas >= 2 and r.eff_mu = 0 and r.eff_ms > 0
  and exists (select 1 from datascienceclusters)
union all by name
-- like rhai-cli's component checks: no DSC at all is an advisory finding, not a pass
select * from mgscan_no_dsc
order by name
