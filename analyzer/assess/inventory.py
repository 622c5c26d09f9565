"""Inventory for the assessment: DSC components, models, workbenches and operators.

Models and workbenches come from their custom resources when the bundle holds them, else they
are inferred (``inferred: true``) from what a 2.x must-gather does collect (bundle-format.md
§7.2): Knative Services, predictor and ModelMesh Deployments and Pods labelled
``serving.kserve.io/inferenceservice`` for models; StatefulSets owned by a Notebook, labelled
``notebook-name`` or with Pods labelled ``notebook-name`` for workbenches.
"""

from __future__ import annotations

from typing import Any

import duckdb

from analyzer.assess.refs import cached, fetch_dicts, fetch_one

# Serving evidence per (namespace, InferenceService name): the mode each collected object shows.
_SERVING_EVIDENCE_SQL = r"""
create or replace temp table _asm_serving as
with ev as (
    select namespace, coalesce(labels->>'/serving.kserve.io~1inferenceservice',
                               regexp_extract(name, '^(.+)-predictor(-default)?$', 1)) as isvc,
           'Serverless' as mode, 1 as rank, 'Knative Service' as source,
           (labels->>'/serving.kserve.io~1servingRuntime') as runtime
    from knative_services
    where (labels->>'/serving.kserve.io~1inferenceservice') is not null
       or regexp_matches(name, '-predictor(-default)?$')
    union all
    select namespace, (labels->>'/serving.kserve.io~1inferenceservice'),
           case when (labels->>'/serving.knative.dev~1revision') is not null
                  or (labels->>'/serving.knative.dev~1service') is not null
                then 'Serverless' else 'RawDeployment' end,
           2, 'Deployment', (labels->>'/serving.kserve.io~1servingRuntime')
    from deployments where (labels->>'/serving.kserve.io~1inferenceservice') is not null
    union all
    select namespace, (labels->>'/serving.kserve.io~1inferenceservice'),
           case when (labels->>'/serving.knative.dev~1revision') is not null
                then 'Serverless' else 'RawDeployment' end,
           3, 'Pod', (labels->>'/serving.kserve.io~1servingRuntime')
    from pods where (labels->>'/serving.kserve.io~1inferenceservice') is not null
)
select namespace, isvc, arg_min(mode, rank) as mode, arg_min(source, rank) as source,
       max(runtime) as runtime
from ev where isvc is not null and isvc <> ''
group by namespace, isvc
"""

_MODELMESH_SQL = r"""
create or replace temp table _asm_modelmesh as
select namespace, name,
       coalesce(nullif(regexp_replace(name, '^modelmesh-serving-', ''), name),
                (labels->>'/name')) as runtime
from deployments
where ((labels->>'/modelmesh-service') is not null or name like 'modelmesh-serving-%')
  and name <> 'modelmesh-controller'
  and namespace not in (select app_namespace from cluster_facts)
"""

_MODELS_SQL = r"""
with dflt as (
    select coalesce(
        (select json_extract_string(raw->>'/data/deploy', '$.defaultDeploymentMode')
           from configmaps c, cluster_facts f
          where c.name = 'inferenceservice-config' and c.namespace = f.app_namespace limit 1),
        (select (raw->>'/spec/components/kserve/defaultDeploymentMode')
           from datascienceclusters order by name limit 1),
        -- no explicit default: KServe serves Serverless while its Knative serving is
        -- Managed (the 2.x default), RawDeployment once serving is Removed
        (select case when (raw->>'/spec/components/kserve/managementState') <> 'Managed'
                     then null
                     when coalesce(raw->>'/spec/components/kserve/serving/managementState',
                                   'Managed') = 'Managed' then 'Serverless'
                     when (raw->>'/spec/components/kserve/serving/managementState') = 'Removed'
                     then 'RawDeployment' end
           from datascienceclusters order by name limit 1)) as mode
),
cr as (
    select i.namespace, i.name,
           coalesce(i.annotations->>'/serving.kserve.io~1deploymentMode',
                    (i.raw->>'/status/deploymentMode'), s.mode,
                    (select mode from dflt)) as declared,
           coalesce(i.raw->>'/spec/predictor/model/runtime',
                    (i.annotations->>'/serving.kserve.io~1servingRuntime'),
                    (i.labels->>'/serving.kserve.io~1servingRuntime'), s.runtime) as runtime,
           false as inferred
    from inferenceservices i
    left join _asm_serving s on s.namespace = i.namespace and s.isvc = i.name
),
inferred as (
    select s.namespace, s.isvc as name, s.mode as declared, s.runtime, true as inferred
    from _asm_serving s
    where not exists (select 1 from inferenceservices i
                      where i.namespace = s.namespace and i.name = s.isvc)
    union all
    select m.namespace, m.name, 'ModelMesh', m.runtime, true
    from _asm_modelmesh m
    where not exists (select 1 from cr where cr.namespace = m.namespace
                                        and lower(cr.declared) = 'modelmesh')
)
select namespace, name,
       case lower(coalesce(declared, ''))
            when 'serverless' then 'Serverless' when 'modelmesh' then 'ModelMesh'
            when 'rawdeployment' then 'RawDeployment' when 'standard' then 'RawDeployment'
            else 'unknown' end as mode,
       runtime, inferred
from (select * from cr union all select * from inferred)
order by namespace, name, inferred
"""

# OOTB workbench images: ImageStreams in the applications namespace labelled
# app.kubernetes.io/part-of=workbenches, not runtime-*, with platform.opendatahub.io/version
# (vendor-checks.md §5.2); every reference form an image can match.
_OOTB_SQL = r"""
create or replace temp table _asm_ootb as
with streams as (
    select i.name, i.raw,
           coalesce(i.annotations->>'/platform.opendatahub.io~1version', '') <> '' as versioned
    from imagestreams i, cluster_facts f
    where i.namespace = f.app_namespace
      and (i.labels->>'/app.kubernetes.io~1part-of') = 'workbenches'
      and i.name not like 'runtime-%'
),
chosen as (
    select * from streams
    where versioned or not exists (select 1 from streams where versioned)
),
stags as (select name, unnest(from_json(raw->'/status/tags', '["json"]')) as t from chosen),
items as (select name, unnest(from_json(t->'items', '["json"]')) as it from stags),
spec as (select name, unnest(from_json(raw->'/spec/tags', '["json"]')) as t from chosen)
select name, 'reference' as form, (it->>'dockerImageReference') as value from items
union select name, 'digest', (it->>'image') from items
union select name, 'repository', (raw->>'/status/dockerImageRepository') from chosen
union select name, 'from', (t->>'/from/name') from spec where (t->>'/from/kind') = 'DockerImage'
"""

_WORKBENCHES_SQL = r"""
with nb as (
    select namespace, name, annotations, raw,
           from_json(raw->'/spec/template/spec/containers', '["json"]') as cs
    from notebooks
),
sts as (
    select namespace, name, raw,
           coalesce(raw->>'/spec/template/metadata/labels/notebook-name', name) as nb_name,
           from_json(raw->'/spec/template/spec/containers', '["json"]') as cs,
           try_cast(raw->>'/spec/replicas' as integer) as replicas,
           (raw->>'/spec/template/metadata/labels/notebook-name') is not null
             or list_contains(list_transform(
                  coalesce(from_json(raw->'/metadata/ownerReferences', '["json"]'), []),
                  lambda o: (o->>'kind')), 'Notebook') as owned
    from statefulsets
),
pod as (
    select namespace, (labels->>'/notebook-name') as nb_name,
           max(case when (raw->>'/status/phase') = 'Running' then 3
                    when (raw->>'/status/phase') = 'Pending' then 2 else 1 end) as phase
    from pods where (labels->>'/notebook-name') is not null
    group by all
),
cr as (
    select nb.namespace, nb.name,
           coalesce(list_filter(nb.cs, lambda c: (c->>'name') = nb.name)[1],
                    list_filter(nb.cs, lambda c: coalesce(c->>'name', '') <> 'oauth-proxy')[1])
             ->> 'image' as image,
           case when (nb.annotations->>'/kubeflow-resource-stopped') is not null then 'stopped'
                when (nb.raw->'/status/containerState/running') is not null then 'running'
                when (nb.raw->'/status/containerState/waiting') is not null then 'waiting'
                when s.replicas = 0 then 'stopped'
                when p.phase = 3 then 'running' when p.phase = 2 then 'waiting'
                else 'unknown' end as state,
           false as inferred
    from nb
    left join sts s on s.namespace = nb.namespace and s.nb_name = nb.name
    left join pod p on p.namespace = nb.namespace and p.nb_name = nb.name
),
inf_sts as (
    select s.namespace, s.nb_name as name,
           coalesce(list_filter(s.cs, lambda c: (c->>'name') = s.nb_name)[1],
                    list_filter(s.cs, lambda c: coalesce(c->>'name', '') <> 'oauth-proxy')[1])
             ->> 'image' as image,
           case when s.replicas = 0 then 'stopped'
                when p.phase = 3 then 'running' when p.phase = 2 then 'waiting'
                else 'unknown' end as state,
           true as inferred
    from sts s left join pod p on p.namespace = s.namespace and p.nb_name = s.nb_name
    where (s.owned or p.nb_name is not null)
      and not exists (select 1 from nb where nb.namespace = s.namespace and nb.name = s.nb_name)
),
inf_pod as (
    select p.namespace, p.nb_name as name, null as image,
           case p.phase when 3 then 'running' when 2 then 'waiting' else 'unknown' end as state,
           true as inferred
    from pod p
    where not exists (select 1 from nb where nb.namespace = p.namespace and nb.name = p.nb_name)
      and not exists (select 1 from inf_sts i where i.namespace = p.namespace
                                                and i.name = p.nb_name)
),
wb as (select * from cr union all select * from inf_sts union all select * from inf_pod),
-- Every form an image reference can match (as given, its digest, its repository), joined on
-- equality: a hash join, linear in workbenches + catalogue images (an OR of three regex tests
-- per pair was a nested loop).
forms as (
    select distinct image, unnest([
        image, regexp_extract(image, '@(sha256:[0-9a-f]+)$', 1),
        regexp_replace(regexp_replace(image, '@sha256:[0-9a-f]+$', ''), ':[^/:]+$', '')]) as v
    from wb where image is not null
),
ootb_images as (select distinct f.image from forms f join _asm_ootb o on o.value = f.v)
select wb.namespace, wb.name, wb.image, wb.state,
       case when wb.image is null or not exists (select 1 from _asm_ootb) then null
            else m.image is null
       end as custom_image,
       wb.inferred
from wb left join ootb_images m on m.image = wb.image
order by wb.namespace, wb.name
"""

_COMPONENTS_SQL = r"""
with dsc as (select raw from datascienceclusters order by name limit 1),
names as (
    select unnest(json_keys(raw->'/spec/components')) as name from dsc
    union select unnest(dsc_components) from ref_effort where exists (select 1 from dsc)
)
select n.name,
       case lower(coalesce((select ((raw->'/spec/components')->n.name)->>'managementState'
                            from dsc), ''))
            when 'managed' then 'Managed' when 'unmanaged' then 'Unmanaged'
            when 'removed' then 'Removed' else 'absent' end as state
from names n order by n.name
"""

_OPERATORS_SQL = r"""
select name, namespace, (raw->>'/spec/channel') as channel,
       (raw->>'/status/installedCSV') as installed_csv
from subscriptions order by name, namespace
"""


def build_inventory(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """Build the ``inventory`` block: components, models, workbenches and operators.

    Also leaves the temporary tables ``_asm_serving``, ``_asm_modelmesh`` and ``_asm_ootb``
    (serving evidence, ModelMesh runtime Deployments, OOTB image references) for the other
    assessment queries.

    Returns:
        ``{"components", "models", "workbenches", "operators"}``, each sorted.
    """
    con.execute(_SERVING_EVIDENCE_SQL)
    con.execute(_MODELMESH_SQL)
    con.execute(_OOTB_SQL)
    return {
        "components": fetch_dicts(con, _COMPONENTS_SQL),
        "models": fetch_dicts(con, _MODELS_SQL),
        "workbenches": fetch_dicts(con, _WORKBENCHES_SQL),
        "operators": fetch_dicts(con, _OPERATORS_SQL),
    }


def component_state(con: duckdb.DuckDBPyConnection, component: str) -> str | None:
    """Return a DSC component's managementState, or None without a DataScienceCluster.

    Values are Managed, Unmanaged, Removed, or ``absent`` when unset or unrecognised.
    """
    # The first DSC's spec.components, read once per assessment (refs.cached): [] without one.
    spec = cached(("dsc", "components"), lambda: con.execute(
        "select raw->'/spec/components' from datascienceclusters order by name limit 1"
    ).fetchall())
    if not spec:
        return None
    row = fetch_one(
        con,
        "select case lower(coalesce(?::json->?->>'managementState', '')) "
        "when 'managed' then 'Managed' when 'unmanaged' then 'Unmanaged' "
        "when 'removed' then 'Removed' else 'absent' end as state",
        [spec[0][0], component],
    )
    return row.get("state")


def ootb_catalogue_size(con: duckdb.DuckDBPyConnection) -> int:
    """Return how many OOTB workbench ImageStreams were found (after :func:`build_inventory`)."""
    row = con.execute("select count(distinct name) from _asm_ootb").fetchone()
    return int(row[0]) if row else 0
