"""The ``cluster_facts`` view: identity, OpenShift and RHOAI versions, channel, platform, time.

Identity: ClusterVersion ``spec.clusterID`` (``cluster_id``), Infrastructure
``status.infrastructureName`` and ``status.apiServerURL`` (``infrastructure_name``, ``api_url``).

RHOAI version sources, first that answers wins (documented in README "How versions are read"):

1. ``version-file``: line 2 of the RHOAI must-gather image's ``version`` file (the image reads it
   from the rhods CSV at collection time; ``Unknown`` and placeholders are ignored, a quoted
   ``"rhods-operator.2.25.0"`` olm.owner label is accepted);
2. ``csv``: ``spec.version`` of the ``rhods-operator.*`` ClusterServiceVersion (copies ignored);
3. ``dsc``: DataScienceCluster ``status.release.version``;
4. ``dsci``: DSCInitialization ``status.release.version``;
5. ``subscription``: the rhods-operator Subscription's ``status.installedCSV``.

OpenShift version: ClusterVersion ``version``, the newest ``status.history`` entry whose state is
``Completed``, else ``status.desired.version``.
"""

from __future__ import annotations

MACROS_SQL = r"""
create or replace macro vkey(v) as
    list_transform(
        string_split(nullif(regexp_extract(coalesce(v, ''), '(\d+(\.\d+)*)', 1), ''), '.'),
        lambda x: try_cast(x as integer));
create or replace macro vminor(v) as
    vkey(v)[1]::varchar || '.' || vkey(v)[2]::varchar;
create or replace macro semver(v) as
    nullif(regexp_extract(coalesce(v, ''), '(\d+\.\d+\.\d+)', 1), '');
create or replace macro k8s_quantity(q) as (
    try_cast(regexp_extract(trim(q::varchar), '^([0-9]*\.?[0-9]+)([a-zA-Z]*)$', 1) as double)
    * case regexp_extract(trim(q::varchar), '^([0-9]*\.?[0-9]+)([a-zA-Z]*)$', 2)
        when '' then 1 when 'n' then 1e-9 when 'u' then 1e-6 when 'm' then 1e-3
        when 'k' then 1e3 when 'M' then 1e6 when 'G' then 1e9 when 'T' then 1e12
        when 'P' then 1e15 when 'Ki' then 1024 when 'Mi' then 1048576 when 'Gi' then 1073741824
        when 'Ti' then 1099511627776 when 'Pi' then 1125899906842624
      end);
create or replace macro k8s_cpu_text(cores) as
    case when round(cores * 1000) % 1000 = 0 then round(cores)::bigint::varchar
         else round(cores * 1000)::bigint::varchar || 'm' end;
create or replace macro k8s_memory_text(b) as
    case when b % 1073741824 = 0 then (b // 1073741824)::bigint::varchar || 'Gi'
         else (b // 1048576)::bigint::varchar || 'Mi' end;
"""

CLUSTER_FACTS_SQL = MACROS_SQL + r"""
create or replace view cluster_facts as
with cv as (
    select
        (select h->>'version'
           from (select unnest(from_json(raw->'/status/history', '["json"]')) as h)
          where h->>'state' = 'Completed' limit 1) as completed,
        raw->>'/status/desired/version' as desired,
        nullif(raw->>'/spec/clusterID', '') as cluster_id
    from clusterversions where name = 'version' limit 1
),
vf as (
    select semver(version) as v from roots
    where kind = 'image' and product in ('red-hat-data-services/must-gather',
                                         'opendatahub/must-gather', 'rhoai/must-gather')
      and semver(version) is not null
    order by root_id limit 1
),
csv as (
    select raw->>'/spec/version' as v from csvs
    where name like 'rhods-operator.%' order by vkey(raw->>'/spec/version') desc limit 1
),
dsc as (select raw->>'/status/release/version' as v from datascienceclusters
        where raw->>'/status/release/version' is not null order by name limit 1),
dsci as (select raw->>'/status/release/version' as v, raw->>'/spec/applicationsNamespace' as appns
         from dscinitializations order by name limit 1),
sub as (
    select semver(raw->>'/status/installedCSV') as v, raw->>'/spec/channel' as channel
    from subscriptions
    where raw->>'/spec/name' = 'rhods-operator' or name = 'rhods-operator'
    order by namespace, name limit 1
),
infra as (
    select coalesce(raw->>'/status/platformStatus/type', raw->>'/status/platform') as platform,
        nullif(raw->>'/status/infrastructureName', '') as infrastructure_name,
        nullif(raw->>'/status/apiServerURL', '') as api_url
    from infrastructures order by (name = 'cluster') desc, name limit 1
),
ts as (select max(ts_last) as collected_at from roots)
select
    (select cluster_id from cv) as cluster_id,
    (select infrastructure_name from infra) as infrastructure_name,
    (select api_url from infra) as api_url,
    coalesce((select completed from cv), (select desired from cv)) as ocp_version,
    case when (select completed from cv) is not null then 'clusterversion-history'
         when (select desired from cv) is not null then 'clusterversion-desired' end
        as ocp_version_source,
    coalesce((select v from vf), (select semver(v) from csv), (select semver(v) from dsc),
             (select semver(v) from dsci), (select v from sub)) as rhoai_version,
    case when (select v from vf) is not null then 'version-file'
         when (select semver(v) from csv) is not null then 'csv'
         when (select semver(v) from dsc) is not null then 'dsc'
         when (select semver(v) from dsci) is not null then 'dsci'
         when (select v from sub) is not null then 'subscription' end as rhoai_version_source,
    (select channel from sub) as channel,
    (select platform from infra) as platform,
    (select collected_at from ts) as collected_at,
    coalesce((select appns from dsci), 'redhat-ods-applications') as app_namespace
"""
