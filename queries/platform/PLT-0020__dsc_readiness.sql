/*---
id: PLT-0020
title: DataScienceCluster is not ready
group: platform
severity: critical
aliases: [platform.dsc.readiness]
requires: [datascienceclusters]
message: >-
  {{ reason }}
remediation: |
  The DataScienceCluster must report condition Ready=True before the upgrade starts. Check
  `oc get datasciencecluster -o yaml` for the component whose condition is failing and the
  rhods-operator logs, fix it (or set a component you do not use to Removed), and wait until
  the Ready condition is True.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
with dsc as (
    select file, name, raw from datascienceclusters
),
ready as (
    select d.name, c ->> 'status' as status, c ->> 'message' as msg, ord - 1 as idx
    from dsc d,
         lateral (select unnest(from_json(d.raw -> '/status/conditions', '["json"]')) as c,
                         generate_subscripts(from_json(d.raw -> '/status/conditions', '["json"]'), 1) as ord)
    where c ->> 'type' = 'Ready'
)
select
    'DataScienceCluster' as kind,
    null as namespace,
    d.name,
    d.file as evidence_file,
    -- the Ready condition's status; without one, the conditions list (its excerpt shows what is
    -- there; no single value is observed)
    case when r.name is not null then '/status/conditions/' || r.idx::varchar || '/status'
         else '/status/conditions' end as evidence_pointer,
    case when r.name is not null then coalesce(r.status, '(not set)') end as observed,
    'critical' as severity,
    false as absent,
    case
        when r.name is null
            then 'DataScienceCluster ' || d.name || ' has no Ready condition and must be ready before upgrading'
        else 'DataScienceCluster ' || d.name || ' is not ready (status ' || coalesce(r.status, '(none)')
             || ') because of ''' || coalesce(r.msg, '') || ''' and must be ready before upgrading'
    end as reason
from dsc d
left join ready r on r.name = d.name
where r.status is distinct from 'True'
union all
select
    'DataScienceCluster', null, '(none)', null, null, '(absent)', 'warning', true,
    'No DataScienceCluster found in the bundle'
where not exists (select 1 from dsc)
order by name
