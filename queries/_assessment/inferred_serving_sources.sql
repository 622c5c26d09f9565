-- The kinds (Knative Service, Deployment, Pod) models of each mode were inferred from: serving
-- evidence whose InferenceService CR is not in the bundle. For the exposure reasons' wording.
select distinct s.mode, s.source
from asm_serving s
where not exists (select 1 from inferenceservices i
                  where i.namespace = s.namespace and i.name = s.isvc)
