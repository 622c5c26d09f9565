/*---
id: VER-0050
title: Release channel and remaining support of the source RHOAI stream
group: version
severity: warning
severity_reason: >-
  Support with months left needs no action (info). Support that already ended is a warning: the
  cluster runs unsupported until it is migrated.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
requires: []
message: >-
  RHOAI {{ observed }} ({{ release_type }} stream {{ stream }}) from channel {{ channel }}:
  {{ support_note }}
remediation: |
  RHOAI 2.25 Extended Update Support ends in April 2027; after that date no security or CVE
  fixes ship for 2.x and all new features are 3.x only. When fewer than six months of support
  remain, or support has ended, schedule the migration now: a medium-sized environment needs
  two to three months end to end. Stay on the `eus-2.25` channel until you migrate.
links:
  - {title: "Red Hat OpenShift AI Self-Managed life cycle", url: "https://access.redhat.com/support/policy/updates/rhoai-sm/lifecycle"}
effort: low
---*/
with p as (
    select source_version,
           vminor(source_version) as stream
    from mgscan_params
),
sub as (
    select file, namespace, name, raw ->> '/spec/channel' as channel
    from subscriptions
    where (raw ->> '/spec/name') = 'rhods-operator' or name = 'rhods-operator'
    order by namespace, name
    limit 1
),
f as (
    select try_cast(left(collected_at, 10) as date) as as_of from cluster_facts
),
l as (
    select p.source_version, p.stream, lc.version as lc_version, lc.release_type,
           try_cast(nullif(lc.support_ends, '') as date) as ends, lc.channels, f.as_of
    from p cross join f left join ref_lifecycle lc on lc.version = p.stream
),
m as (
    select l.*,
           case when l.ends is not null and l.as_of is not null
                then floor(date_diff('day', l.as_of, l.ends) / 30.4375)::integer end as months_left
    from l
)
select
    coalesce((select 'Subscription' from sub), 'RHOAI') as kind,
    (select namespace from sub) as namespace,
    coalesce((select name from sub), 'rhods-operator') as name,
    (select file from sub) as evidence_file,
    case when (select file from sub) is not null then '/spec/channel' end as evidence_pointer,
    m.source_version as observed,
    m.stream,
    coalesce(m.release_type, 'unknown') as release_type,
    coalesce((select channel from sub), 'unknown (rhods-operator Subscription not in the bundle)') as channel,
    m.months_left,
    case
        when m.months_left is not null and m.as_of >= m.ends then 'warning'
        else 'info'
    end as severity,
    case
        when m.lc_version is null
            then 'mgscan has no life-cycle data for this stream; check the Red Hat life-cycle page'
        when m.ends is null
            then 'the end-of-support date of this stream is not in mgscan''s life-cycle table; check the Red Hat life-cycle page'
        when m.as_of is null
            then 'support ends ' || strftime(m.ends, '%Y-%m-%d') || '; the bundle has no collection time, so the months left are unknown'
        when m.as_of >= m.ends
            then 'support ended ' || strftime(m.ends, '%Y-%m-%d') || ', before the bundle was collected ('
                 || strftime(m.as_of, '%Y-%m-%d') || ')'
        else 'support ends ' || strftime(m.ends, '%Y-%m-%d') || ', ' || m.months_left::varchar
             || ' month(s) after the bundle was collected (' || strftime(m.as_of, '%Y-%m-%d') || ')'
    end as support_note
from m
where m.source_version is not null
  -- six months or more of known support left: nothing to report (assessment.support states it)
  and not (m.months_left is not null and m.as_of < m.ends and m.months_left >= 6)
order by observed
