/*---
id: WRK-0340
title: RawDeployment models inferred from predictor Deployments (InferenceServices not collected)
group: workload
severity: info
severity_reason: >-
  RawDeployment models carry over unchanged: an inventory fact, no action.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [deployments]
message: >-
  InferenceService {{ namespace }}/{{ name }} appears to run as a RawDeployment (Deployment
  {{ deployment }}); RawDeployment is the supported mode in RHOAI 3.x. Inferred from Deployments
  because the InferenceService CRs were not collected.
remediation: |
  No migration of the serving mode is needed. Its runtime, accelerator and hardware-profile
  settings could not be checked without the InferenceService CR; collect it with
  `oc adm inspect -A --dest-dir=rhoai-extra inferenceservices.serving.kserve.io`.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
-- Inference for 2.x bundles (bundle-format.md §7.2, a hint): a RawDeployment InferenceService
-- owns a plain Deployment <isvc>-predictor labelled serving.kserve.io/inferenceservice=<isvc>.
-- Knative revision Deployments (<isvc>-predictor-00001-deployment, serving.knative.dev labels)
-- are Serverless and excluded. Informational inventory: severity info.
select
    'InferenceService' as kind,
    d.namespace,
    d.labels ->> 'serving.kserve.io/inferenceservice' as name,
    d.file as evidence_file,
    '/metadata/labels/serving.kserve.io~1inferenceservice' as evidence_pointer,
    d.labels ->> 'serving.kserve.io/inferenceservice' as observed,
    d.name as deployment,
    true as inferred,
    d.input_id
from deployments as d
where (d.labels ->> 'serving.kserve.io/inferenceservice') is not null
  and d.name = (d.labels ->> 'serving.kserve.io/inferenceservice') || '-predictor'
  and (d.labels -> 'serving.knative.dev/revision') is null
  and (d.labels -> 'serving.knative.dev/service') is null
  and (select count(*) from inferenceservices) = 0
order by d.namespace, d.name
