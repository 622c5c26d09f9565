/*---
id: VER-0010
title: Source RHOAI version cannot migrate to 3.x directly
group: version
severity: prohibited
severity_reason: >-
  The upgrade from this source version is refused: the customer must first upgrade within 2.x to
  the minimum source version.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: []
message: >-
  RHOAI {{ source_version }} (read from {{ version_source }}) {{ reason }}
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
-- the object the detected version was read from, and the value at its pointer (no object, and
-- kind Parameter, when --source-version overrode the detection)
ev as (
    select
        case when semver(f.rhoai_version) = semver(p.source_version) then f.rhoai_version_source
             else 'flag' end as version_source,
        case when semver(f.rhoai_version) is distinct from semver(p.source_version) then null
             when f.rhoai_version_source = 'csv' then (
                select {'kind': 'ClusterServiceVersion', 'namespace': namespace, 'name': name,
                        'file': file, 'pointer': '/spec/version', 'value': raw ->> '/spec/version'}
                from csvs where name like 'rhods-operator.%'
                order by vkey(raw ->> '/spec/version') desc, file limit 1)
             when f.rhoai_version_source = 'dsc' then (
                select {'kind': 'DataScienceCluster', 'namespace': null, 'name': name, 'file': file,
                        'pointer': '/status/release/version',
                        'value': raw ->> '/status/release/version'}
                from datascienceclusters where (raw ->> '/status/release/version') is not null
                order by name limit 1)
             when f.rhoai_version_source = 'dsci' then (
                select {'kind': 'DSCInitialization', 'namespace': null, 'name': name, 'file': file,
                        'pointer': '/status/release/version',
                        'value': raw ->> '/status/release/version'}
                from dscinitializations order by name limit 1)
             when f.rhoai_version_source = 'subscription' then (
                select {'kind': 'Subscription', 'namespace': namespace, 'name': name, 'file': file,
                        'pointer': '/status/installedCSV', 'value': raw ->> '/status/installedCSV'}
                from subscriptions
                where (raw ->> '/spec/name') = 'rhods-operator' or name = 'rhods-operator'
                order by namespace, name limit 1)
             when f.rhoai_version_source = 'version-file' then (
                select {'kind': 'File', 'namespace': null,
                        'name': concat_ws('/', nullif(path, ''), 'version'),
                        'file': concat_ws('/', nullif(path, ''), 'version'), 'pointer': null,
                        'value': semver(version)}
                from roots
                where kind = 'image' and semver(version) is not null order by root_id limit 1)
        end as src
    from p, f
),
-- the lowest 2.x release that may migrate, from the version model (upgrade_paths.yaml)
floor as (
    select min(from_min) as from_min, min(from_stream) as from_stream
    from ref_upgrade_paths
    where status = 'supported' and from_min is not null and split_part(from_stream, '.', 1) = '2'
)
select
    coalesce(ev.src.kind, 'Parameter') as kind,
    ev.src.namespace as namespace,
    coalesce(ev.src.name, 'source-version') as name,
    ev.src.file as evidence_file,
    ev.src.pointer as evidence_pointer,
    coalesce(ev.src.value, p.source_version) as observed,
    p.source_version,
    ev.version_source,
    case
        when vminor(p.source_version) = fl.from_stream
            then 'is below ' || fl.from_min || ': migration to 3.x is blocked (known vulnerabilities); update to '
                 || fl.from_min || ' or later first'
        else 'is not on the ' || fl.from_stream || ' stream: migration to 3.x is supported only from '
             || fl.from_min || '+; update within 2.x to ' || fl.from_min || '+ (' || fl.from_stream
             || ' EUS channel) first'
    end as reason
from p, ev, floor fl
where p.sv[1] = 2
  and (vkey(p.source_version) < vkey(fl.from_min) or vminor(p.source_version) <> fl.from_stream)
order by source_version
