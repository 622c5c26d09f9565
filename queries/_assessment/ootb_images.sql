-- Out-of-the-box workbench images: ImageStreams of the applications namespace labelled
-- app.kubernetes.io/part-of=workbenches, not runtime-*, with platform.opendatahub.io/version
-- when any has it (vendor-checks.md §5.2); one row per form an image reference can match
-- (reference, digest, repository, spec tag source).
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
