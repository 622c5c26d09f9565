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
  RHOAI {{ source_version }} ({{ release_type }} stream {{ stream }}) from channel {{ channel }}:
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
-- Months are counted from the analysis date (mgscan_params.analysis_date, the run's clock); a run
-- without one counts from the collection date. The evidence is the object that shows the
-- stream: the rhods-operator Subscription's channel, else the version the operator reports.
with p as (
    select source_version, vminor(source_version) as stream, analysis_date
    from mgscan_params
),
sub as (
    select file, namespace, name, raw ->> '/spec/channel' as channel
    from subscriptions
    where (raw ->> '/spec/name') = 'rhods-operator' or name = 'rhods-operator'
    order by namespace, name
    limit 1
),
ev as (
    select * from (
        select 1 as rank, 'Subscription' as kind, namespace, name, file,
               '/spec/channel' as pointer, channel as observed
        from sub
        union all
        select 2, 'ClusterServiceVersion', namespace, name, file, '/spec/version',
               raw ->> '/spec/version'
        from csvs where name like 'rhods-operator.%' and (raw ->> '/spec/version') is not null
        union all
        select 3, 'DataScienceCluster', namespace, name, file, '/status/release/version',
               raw ->> '/status/release/version'
        from datascienceclusters where (raw ->> '/status/release/version') is not null
        union all
        select 4, 'DSCInitialization', namespace, name, file, '/status/release/version',
               raw ->> '/status/release/version'
        from dscinitializations where (raw ->> '/status/release/version') is not null
    )
    order by rank, namespace nulls first, name
    limit 1
),
f as (
    select try_cast(left(collected_at, 10) as date) as collected from cluster_facts
),
l as (
    select p.source_version, p.stream, lc.version as lc_version, lc.release_type,
           try_cast(nullif(lc.support_ends, '') as date) as ends, lc.channels,
           coalesce(p.analysis_date, f.collected) as as_of, f.collected,
           p.analysis_date is not null as from_analysis
    from p cross join f left join ref_lifecycle lc on lc.version = p.stream
),
m as (
    select l.*,
           case when l.ends is not null and l.as_of is not null
                then greatest(floor(date_diff('day', l.as_of, l.ends) / 30.4375), 0)::integer
           end as months_left,
           case when l.ends is not null and l.collected is not null and l.from_analysis
                     and date_diff('day', l.collected, l.as_of) > 30
                then greatest(floor(date_diff('day', l.collected, l.ends) / 30.4375), 0)::integer
           end as months_at_collection
    from l
)
select
    coalesce((select kind from ev), 'RHOAI') as kind,
    (select namespace from ev) as namespace,
    coalesce((select name from ev), 'rhods-operator') as name,
    (select file from ev) as evidence_file,
    (select pointer from ev) as evidence_pointer,
    (select observed from ev) as observed,
    m.source_version,
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
            then 'support ended ' || strftime(m.ends, '%Y-%m-%d') || ', before the '
                 || case when m.from_analysis then 'analysis date' else 'bundle was collected' end
                 || ' (' || strftime(m.as_of, '%Y-%m-%d') || ')'
        else 'support ends ' || strftime(m.ends, '%Y-%m-%d') || ', ' || m.months_left::varchar
             || ' month(s) after the '
             || case when m.from_analysis then 'analysis date' else 'bundle was collected' end
             || ' (' || strftime(m.as_of, '%Y-%m-%d') || ')'
    end
    || case
        when m.months_at_collection is null then ''
        when m.collected >= m.ends
            then '; as of collection (' || strftime(m.collected, '%Y-%m-%d') || ') support had already ended'
        else '; as of collection (' || strftime(m.collected, '%Y-%m-%d') || ') '
             || m.months_at_collection::varchar || ' month(s) were left'
    end as support_note
from m
where m.source_version is not null
  -- six months or more of known support left: nothing to report (assessment.support states it)
  and not (m.months_left is not null and m.as_of < m.ends and m.months_left >= 6)
order by source_version
