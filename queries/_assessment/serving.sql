-- Serving evidence per (namespace, InferenceService name): the deployment mode each collected
-- object shows (Knative Service > Deployment > Pod), its source kind and serving runtime. Used
-- to infer models when the InferenceService CRs were not collected (bundle-format.md §7.2).
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
