/*---
id: VER-0010
title: Source RHOAI version cannot migrate to 3.x directly
group: version
severity: prohibited
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: []
message: >-
  RHOAI {{ observed }} (read from {{ version_source }}) {{ reason }}
remediation: |
  Migration to RHOAI 3.x is supported only from RHOAI 2.25.4 or a later 2.25.z release.
  - On 2.25.0 to 2.25.3: update the rhods-operator Subscription to 2.25.4 or later on the
    2.25 channel (`eus-2.25` or `stable-2.25`) before migrating; earlier 2.25.z releases carry
    known vulnerabilities and the migration refuses them.
  - On any other 2.x minor (2.16, 2.19, 2.22, ...): update within 2.x first, one supported hop at
    a time, until the cluster runs 2.25.4+ from the 2.25 EUS channel (`eus-2.25`). Each
    intermediate hop needs its own supported OpenShift version.
  Then collect a new must-gather and run mgscan again.
links:
  - {title: "Red Hat OpenShift AI Self-Managed life cycle", url: "https://access.redhat.com/support/policy/updates/rhoai-sm/lifecycle"}
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
with p as (
    select source_version, vkey(source_version) as sv from mgscan_params
),
f as (select * from cluster_facts),
-- where the detected version was read (null evidence when --source-version overrode it)
ev as (
    select
        case when semver(f.rhoai_version) = semver(p.source_version) then f.rhoai_version_source
             else 'flag' end as version_source,
        case when semver(f.rhoai_version) is distinct from semver(p.source_version) then null
             when f.rhoai_version_source = 'csv' then (
                select file from csvs where name like 'rhods-operator.%'
                order by vkey(raw ->> '/spec/version') desc, file limit 1)
             when f.rhoai_version_source = 'dsc' then (
                select file from datascienceclusters order by name limit 1)
             when f.rhoai_version_source = 'dsci' then (
                select file from dscinitializations order by name limit 1)
             when f.rhoai_version_source = 'subscription' then (
                select file from subscriptions
                where (raw ->> '/spec/name') = 'rhods-operator' or name = 'rhods-operator'
                order by namespace, name limit 1)
             when f.rhoai_version_source = 'version-file' then (
                select concat_ws('/', nullif(path, ''), 'version') from roots
                where kind = 'image' and semver(version) is not null order by root_id limit 1)
        end as evidence_file,
        case semver(f.rhoai_version) = semver(p.source_version)
            when true then case f.rhoai_version_source
                when 'csv' then '/spec/version'
                when 'dsc' then '/status/release/version'
                when 'dsci' then '/status/release/version'
                when 'subscription' then '/status/installedCSV'
            end
        end as evidence_pointer
    from p, f
)
select
    'RHOAI' as kind,
    null as namespace,
    'rhods-operator' as name,
    ev.evidence_file,
    ev.evidence_pointer,
    p.source_version as observed,
    ev.version_source,
    case
        when p.sv[1] = 2 and p.sv[2] = 25
            then 'is 2.25.3 or earlier: migration to 3.x is blocked (known vulnerabilities); update to 2.25.4 or later first'
        else 'is not on the 2.25 stream: migration to 3.x is supported only from 2.25.4+; update within 2.x to 2.25.4+ (2.25 EUS channel) first'
    end as reason
from p, ev
where p.sv[1] = 2
  and (p.sv[2] is distinct from 25 or coalesce(p.sv[3], 0) <= 3)
order by observed
