-- The out-of-the-box workbench image catalogue of the applications namespace, shared by the
-- notebook image rules (WRK-0240 on Notebooks, WRK-0350 inferred from StatefulSets).
-- Steps 1, 2 and 4 of the vendor's image classification (vendor-checks.md §5.2). Created by the
-- runner before rules run (after mgscan_params); rules read these views, never write.
-- Lists are unnested in the select list of a projection that no longer holds ``raw``: a lateral
-- ``from o, unnest(...)`` copies the whole ImageStream document into every tag row, which made
-- an ImageStream of 4,000 tags cost 14 GB and minutes (quadratic in its size).

-- 1. Out-of-the-box ImageStreams, with their type from the JSON arrays in spec tag annotations.
create or replace view mgscan_ootb_imagestreams as
with ootb as (
    select i.name, i.raw
    from imagestreams as i
    join mgscan_params as p on i.namespace = p.app_namespace
    where (i.labels ->> 'app.kubernetes.io/part-of') = 'workbenches'
      and not starts_with(i.name, 'runtime-')
      and coalesce(i.annotations ->> 'platform.opendatahub.io/version', '') <> ''
),
spec_tags as (
    select o.name as is_name,
           unnest(coalesce(from_json(o.raw -> '/spec/tags', '["json"]'), [])) as tag
    from ootb as o
),
tag_names as (
    select is_name, 'deps' as src, lower(e ->> 'name') as sw
    from spec_tags,
         unnest(coalesce(try_cast(nullif(tag -> 'annotations' ->>
             'opendatahub.io/notebook-python-dependencies', '') as json[]), [])) as u(e)
    union all
    select is_name, 'software' as src, lower(e ->> 'name') as sw
    from spec_tags,
         unnest(coalesce(try_cast(nullif(tag -> 'annotations' ->>
             'opendatahub.io/notebook-software', '') as json[]), [])) as u(e)
)
select
    o.name as is_name,
    case when exists (select 1 from tag_names t where t.is_name = o.name
                      and t.src = 'deps' and t.sw = 'jupyterlab') then 'Jupyter'
         when exists (select 1 from tag_names t where t.is_name = o.name
                      and t.sw = 'code-server') then 'CodeServer'
         when exists (select 1 from tag_names t where t.is_name = o.name
                      and t.src = 'software' and t.sw = 'r') then 'RStudio'
         else 'unknown' end as is_type,
    o.raw
from ootb as o;

-- Every image item the catalogue's status knows (tag, reference, digest).
create or replace view mgscan_ootb_status_items as
with status_tags as (
    select o.is_name, unnest(coalesce(from_json(o.raw -> '/status/tags', '["json"]'), [])) as st
    from mgscan_ootb_imagestreams as o
),
items as (
    select is_name, st ->> 'tag' as tag,
           unnest(coalesce(from_json(st -> 'items', '["json"]'), [])) as it
    from status_tags
)
select is_name, tag, it ->> 'dockerImageReference' as ref, it ->> 'image' as digest
from items;

-- 4. The match keys, in the vendor's order: a reference, b digest, c repository, d spec from.
create or replace view mgscan_ootb_catalogue as
select 1 as rule_order, 'a' as match_rule, is_name, tag, ref as key, digest
from mgscan_ootb_status_items where ref is not null
union all
select 2, 'b', is_name, tag, digest, digest from mgscan_ootb_status_items where digest is not null
union all
select 3, 'c', o.is_name, null, o.raw ->> '/status/dockerImageRepository', null
from mgscan_ootb_imagestreams as o where (o.raw ->> '/status/dockerImageRepository') is not null
union all
select 4, 'd', is_name, tag ->> 'name', tag -> 'from' ->> 'name', null
from (select o.is_name,
             unnest(coalesce(from_json(o.raw -> '/spec/tags', '["json"]'), [])) as tag
      from mgscan_ootb_imagestreams as o)
where (tag -> 'from' ->> 'kind') = 'DockerImage' and (tag -> 'from' ->> 'name') is not null;

-- Digests also tagged 2025.2 or later in any OOTB ImageStream (the digest cross-reference).
create or replace view mgscan_ootb_good_digests as
select distinct digest from mgscan_ootb_status_items
where digest is not null and regexp_matches(coalesce(tag, ''), '^\d{4}\.\d+$')
  and vkey(tag) >= vkey('2025.2');
