/*---
id: WRK-0330
title: ModelMesh runtimes inferred from modelmesh-serving Deployments (KServe CRs not collected)
group: workload
severity: critical
severity_reason: >-
  ModelMesh models stop answering (HTTP 503) after the migration: the customer must convert them
  first, as the vendor's KServe check asks (critical there too).
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, deployments]
component_state: {component: [kserve, modelmeshserving], states: [Managed]}
message: >-
  Namespace {{ namespace }} runs ModelMesh runtime {{ name }} (Deployment {{ deployment }}); inferred
  from Deployments because InferenceServices and ServingRuntimes were not collected. ModelMesh is
  removed in RHOAI 3.x and its models will answer HTTP 503.
remediation: |
  Redeploy the models served by this runtime as KServe RawDeployment InferenceServices before
  upgrading. This finding is inferred: the exact checks (WRK-0110 and WRK-0120, vendor
  workloads.kserve.impacted-workloads) need the CRs; collect them with
  `oc adm inspect -A --dest-dir=rhoai-extra inferenceservices.serving.kserve.io` and
  `oc adm inspect -A --dest-dir=rhoai-extra servingruntimes.serving.kserve.io`.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: high
---*/
-- Inference for 2.x bundles (bundle-format.md §7.2, a hint): the ModelMesh controller creates a
-- Deployment modelmesh-serving-<runtime> per ServingRuntime in each ModelMesh-enabled namespace.
-- The controller itself (modelmesh-controller, applications namespace) is not counted. Returns
-- nothing when InferenceServices or ServingRuntimes were collected (WRK-0110/WRK-0120 speak then).

select
    'ServingRuntime' as kind,
    d.namespace,
    substr(d.name, length('modelmesh-serving-') + 1) as name,
    d.file as evidence_file,
    '/metadata/name' as evidence_pointer,
    d.name as observed,
    d.name || ', spec.replicas=' || coalesce(d.raw ->> '/spec/replicas', '1') as deployment,
    true as inferred,
    d.input_id
from deployments as d
where starts_with(d.name, 'modelmesh-serving-')
  and d.namespace <> (select app_namespace from mgscan_params)
  and (select count(*) from inferenceservices) = 0
  and (select count(*) from servingruntimes) = 0
order by d.namespace, d.name
