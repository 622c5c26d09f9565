-- Every workbench of the inventory: Notebook CRs, else workbenches inferred (inferred = true)
-- from notebook StatefulSets and Pods labelled notebook-name; its main image, its state
-- (running, waiting, stopped, unknown) and whether the image is custom (not an out-of-the-box
-- workbench image; null when no catalogue or no image was collected to compare).
with ootb as materialized (select value from asm_ootb_images),  -- read twice below
nb as (
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
ootb_images as (select distinct f.image from forms f join ootb o on o.value = f.v)
select wb.namespace, wb.name, wb.image, wb.state,
       case when wb.image is null or not exists (select 1 from ootb) then null
            else m.image is null
       end as custom_image,
       wb.inferred
from wb left join ootb_images m on m.image = wb.image
