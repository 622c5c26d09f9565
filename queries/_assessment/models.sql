-- Every model of the inventory: InferenceService CRs with their deployment mode (annotation,
-- status, serving evidence, else the cluster default) and runtime, plus models inferred
-- (inferred = true) from serving evidence and ModelMesh runtime Deployments when their CRs were
-- not collected. mode is Serverless, ModelMesh, RawDeployment or unknown.
with serving as materialized (select * from asm_serving),  -- read twice below: computed once
dflt as (
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
    left join serving s on s.namespace = i.namespace and s.isvc = i.name
),
inferred as (
    select s.namespace, s.isvc as name, s.mode as declared, s.runtime, true as inferred
    from serving s
    where not exists (select 1 from inferenceservices i
                      where i.namespace = s.namespace and i.name = s.isvc)
    union all
    select m.namespace, m.name, 'ModelMesh', m.runtime, true
    from asm_modelmesh m
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
