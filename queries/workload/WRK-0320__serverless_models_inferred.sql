/*---
id: WRK-0320
title: Serverless models inferred from Knative Services (InferenceServices not collected)
group: workload
severity: critical
severity_reason: >-
  Serverless models stop answering (HTTP 503) after the migration: the customer must convert them
  to RawDeployment first, as the vendor's KServe check asks (critical there too).
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, knative_services]
component_state: {component: [kserve, modelmeshserving], states: [Managed]}
message: >-
  InferenceService {{ namespace }}/{{ name }} appears to run in Serverless mode: {{ services }}.
  Inferred from Knative Services because the InferenceService CRs were not collected; Serverless
  serving is removed in RHOAI 3.x and the endpoint will answer HTTP 503.
remediation: |
  Convert the model to a KServe RawDeployment before upgrading. This finding is inferred: the
  InferenceService CRs were not in the bundle, so the exact check (WRK-0100, vendor
  workloads.kserve.impacted-workloads / ServerlessInferenceServicesCompatible) could not run.
  Collect them with `oc adm inspect -A --dest-dir=rhoai-extra inferenceservices.serving.kserve.io`.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: high
---*/
-- Inference for 2.x bundles (bundle-format.md §7.2): KServe creates one Knative Service per
-- Serverless InferenceService component, labelled serving.kserve.io/inferenceservice=<isvc>.
-- Returns nothing when the InferenceServices were collected (WRK-0100 speaks then).
with ksvc as (
    select
        k.namespace, k.labels ->> 'serving.kserve.io/inferenceservice' as isvc,
        k.name, k.file, k.input_id
    from knative_services as k
    where (k.labels ->> 'serving.kserve.io/inferenceservice') is not null
),
per_isvc as (
    select
        namespace, isvc,
        first(file order by name) as file,
        first(input_id order by name) as input_id,
        'Knative Service ' || string_agg(name, ', ' order by name) as services
    from ksvc
    group by namespace, isvc
)
select
    'InferenceService' as kind,
    p.namespace,
    p.isvc as name,
    p.file as evidence_file,
    '/metadata/labels/serving.kserve.io~1inferenceservice' as evidence_pointer,
    p.isvc as observed,  -- the label's value on the Knative Service(s)
    p.services,
    true as inferred,
    p.input_id
from per_isvc as p
where (select count(*) from inferenceservices) = 0
order by p.namespace, p.isvc
