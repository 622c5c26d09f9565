/*---
id: PLT-0010
title: DSCInitialization is not ready
group: platform
severity: critical
aliases: [platform.dsci.readiness]
requires: [dscinitializations]
message: >-
  {{ reason }}
remediation: |
  The DSCInitialization must be Ready, with no unhappy condition, before the upgrade starts:
  the operator reconciles it first and a failing DSCI stops the migration. Read
  `oc get dscinitialization -o yaml` and the rhods-operator logs, fix the cause of each
  condition listed (for example a missing dependency operator or a failed monitoring stack),
  and wait until `.status.phase` is `Ready`.
  Conditions count as healthy when `Progressing` and `Degraded` are False and every other type
  is True; `CapabilityServiceMesh` False with reason Removed or Unmanaged, and
  `CapabilityServiceMeshAuthorization` False with any reason but NotReady, are accepted, as in
  rhai-cli 3.3.2 (the 2026-03-19 build accepted only reason Removed).
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
with dsci as (
    select file, name, raw, nullif(raw ->> '/status/phase', '') as phase
    from dscinitializations
),
cond as (
    select d.name, c ->> 'type' as ctype, c ->> 'status' as cstatus, c ->> 'reason' as creason,
           nullif(c ->> 'message', '') as cmessage, ord
    from dsci d,
         lateral (select unnest(from_json(d.raw -> '/status/conditions', '["json"]')) as c,
                         generate_subscripts(from_json(d.raw -> '/status/conditions', '["json"]'), 1) as ord)
),
unhappy as (
    select name,
           string_agg(ctype || ': ' || cmessage, '; ' order by ord) as listed,
           count(*) as n,
           min(ord) - 1 as first_idx,
           arg_min(cstatus, ord) as first_status
    from cond
    where cmessage is not null
      and case
            when ctype in ('Progressing', 'Degraded') then cstatus is distinct from 'False'
            else cstatus is distinct from 'True'
          end
      and not (ctype = 'CapabilityServiceMesh' and cstatus = 'False'
               and creason in ('Removed', 'Unmanaged'))
      and not (ctype = 'CapabilityServiceMeshAuthorization' and cstatus = 'False'
               and creason is distinct from 'NotReady')
    group by name
)
select
    'DSCInitialization' as kind,
    null as namespace,
    d.name,
    d.file as evidence_file,
    -- the phase when it is not Ready, else the status of the first unhappy condition
    case when d.phase is distinct from 'Ready' then '/status/phase'
         else '/status/conditions/' || u.first_idx::varchar || '/status' end as evidence_pointer,
    case when d.phase is distinct from 'Ready' then coalesce(d.phase, '(not set)')
         else u.first_status end as observed,
    'critical' as severity,
    false as absent,
    case
        when d.phase is null
            then 'DSCInitialization ' || d.name || ' has no status phase and must be Ready before upgrading'
        when d.phase <> 'Ready'
            then 'DSCInitialization ' || d.name || ' is not ready (phase ' || d.phase
                 || ') and must be Ready before upgrading'
        else 'DSCInitialization ' || d.name || ' is in phase Ready but some conditions are not as expected'
    end || coalesce('. Conditions: ' || u.listed, '') as reason
from dsci d
left join unhappy u on u.name = d.name
where d.phase is distinct from 'Ready' or u.n > 0
union all
select
    'DSCInitialization', null, '(none)', null, null, '(absent)', 'warning', true,
    'No DSCInitialization found in the bundle'
where not exists (select 1 from dsci)
order by name
