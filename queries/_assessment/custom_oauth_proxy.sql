-- Custom oauth-proxy configurations per kind (a high-exposure signal, migration-facts.md §4),
-- as WRK-0290 reads them: a workbench oauth-proxy sidecar with a non-standard image, or another
-- workbench container whose image, command, args or env mention oauth-proxy (notebook
-- StatefulSets stand in for Notebooks that were not collected); and user Deployments (no
-- owner, not KServe or ModelMesh) in data-science namespaces running an oauth-proxy container.
-- One row per kind: kind, n (distinct objects).
with c as (
    select 'Deployment' as kind, namespace, name,
           unnest(from_json(raw->'/spec/template/spec/containers', '["json"]')) as c
    from deployments
    where (labels->>'/serving.kserve.io~1inferenceservice') is null
      and coalesce(json_array_length(raw->'/metadata/ownerReferences'), 0) = 0
      and (labels->>'/modelmesh-service') is null
    union all
    select 'Notebook', namespace, name,
           unnest(from_json(raw->'/spec/template/spec/containers', '["json"]'))
    from notebooks
    union all
    select 'StatefulSet', s.namespace, s.name,
           unnest(from_json(s.raw->'/spec/template/spec/containers', '["json"]'))
    from statefulsets s
    where (s.raw->>'/spec/template/metadata/labels/notebook-name') is not null
      and not exists (select 1 from notebooks n
                      where n.namespace = s.namespace and n.name = s.name)
),
flagged as (
    select kind, namespace, name,
           case when kind = 'Deployment'
                     then (c->>'name') = 'oauth-proxy'
                          or coalesce(c->>'image', '') like '%oauth-proxy%'
                when (c->>'name') = 'oauth-proxy'
                     then coalesce(c->>'image', '') not like '%ose-oauth-proxy%'
                else regexp_matches(lower(coalesce(c->>'image', '') || ' '
                                          || coalesce(cast(c->'command' as varchar), '') || ' '
                                          || coalesce(cast(c->'args' as varchar), '') || ' '
                                          || coalesce(cast(c->'env' as varchar), '')),
                                    'oauth[-_]?proxy')
           end as custom
    from c
    where namespace in (select name from asm_ds_namespaces)
)
select kind, count(distinct namespace || '/' || name) as n
from flagged where custom
group by kind
