/*---
id: VER-0020
title: Target RHOAI version is not a supported upgrade target from the source
group: version
severity: prohibited
severity_reason: >-
  The chosen target is not a supported migration target: the customer must pick a supported one,
  nothing else can make the migration possible.
aliases: []
requires: []
message: >-
  Target RHOAI {{ observed }} {{ reason }}. Supported target(s) from RHOAI {{ source }}:
  {{ supported }}.
remediation: |
  Plan the upgrade to a supported target and re-run mgscan with `--target-version` set to the
  release you will actually install. From 2.x today the only supported target is the latest
  3.3.z (3.3.2 or later) from 2.25.4 or later: 3.0, 3.1, 3.2, 3.3.0 and 3.3.1 refuse a migration
  from 2.x, and later 3.x minors are reached by updating within 3.x after the migration (the
  2.25 to 3.5 EUS path is being prepared and is not supported yet). Within 3.x, the operator
  updates one minor at a time; assess each hop with its own target.
links:
  - {title: "Red Hat OpenShift AI Self-Managed life cycle", url: "https://access.redhat.com/support/policy/updates/rhoai-sm/lifecycle"}
  - {title: "Configuring the upgrade strategy for OpenShift AI", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/2.23/html/upgrading_openshift_ai_self-managed_in_a_disconnected_environment/configuring-the-upgrade-strategy-for-openshift-ai_upgrade"}
effort: low
---*/
-- The pairs are data (queries/_reference/upgrade_paths.yaml, the version model). A source stream
-- without rows (2.16, 2.19, ...) is judged by the rows of its major (the 2.25 rows).
with p as (
    select source_version, target_version,
           vminor(source_version) as s_stream, vminor(target_version) as t_stream,
           vkey(source_version)[1]::varchar as s_major
    from mgscan_params
),
rows_from as (
    select r.*
    from ref_upgrade_paths r, p
    where r.from_stream = p.s_stream
       or (not exists (select 1 from ref_upgrade_paths x where x.from_stream = p.s_stream)
           and split_part(r.from_stream, '.', 1) = p.s_major)
),
supported as (
    select coalesce(string_agg(coalesce(to_min || ' or later ' || to_stream || '.z', to_stream || '.z'), ', '
                               order by vkey(to_stream)), 'none') as targets
    from rows_from where status = 'supported'
),
pair as (select r.* from rows_from r, p where r.to_stream = p.t_stream)
select
    -- the run's target (--target-version, else the default): no object of the bundle
    'Parameter' as kind,
    null as namespace,
    'target-version' as name,
    null as evidence_file,
    null as evidence_pointer,
    p.target_version as observed,
    p.source_version as source,
    s.targets as supported,
    case when pair.status = 'multi_hop' then 'warning' else 'prohibited' end as severity,
    case
        when pair.status is null
            then 'is not a known upgrade target from RHOAI ' || p.source_version
        when pair.status = 'supported'
            then 'is below ' || pair.to_min || ', the first ' || pair.to_stream
                 || ' release that accepts an upgrade from RHOAI ' || pair.from_stream
        when pair.status = 'planned' then 'is not supported yet: ' || pair.reason
        when pair.status = 'multi_hop' then 'is more than one minor ahead: ' || pair.reason
        else 'is not supported: ' || pair.reason
    end as reason
from p
cross join supported s
left join pair on true
where pair.status is null
   or pair.status <> 'supported'
   or coalesce(vkey(p.target_version) < vkey(pair.to_min), false)
order by observed
