/*---
id: WRK-0370
title: InferenceServices without a deploymentMode annotation still run Serverless or ModelMesh
group: workload
severity: info
severity_reason: >-
  A checklist item: the customer still has to convert these models to RawDeployment before the
  migration. The vendor check (WRK-0100, WRK-0110) counts only annotated InferenceServices; this
  rule records the ones that follow their status or the cluster default, so the checklist never
  reads "done" while such a model remains.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, inferenceservices]
component_state: {component: [kserve, modelmeshserving], states: [Managed]}
message: >-
  InferenceService {{ namespace }}/{{ name }} has no serving.kserve.io/deploymentMode annotation
  and runs in {{ mode }} mode ({{ source }}): still to do, convert it to RawDeployment before the
  migration.
remediation: |
  Set the annotation `serving.kserve.io/deploymentMode: RawDeployment` on the InferenceService
  and redeploy it (a ModelMesh model needs a single-model serving runtime), before upgrading:
  RHOAI 3.x removes Serverless and ModelMesh serving and the endpoint would answer HTTP 503.
  An InferenceService without the annotation follows its recorded status, else the cluster
  default (the `inferenceservice-config` ConfigMap, else the DataScienceCluster's
  `spec.components.kserve.defaultDeploymentMode`, else Serverless while KServe serving is
  Managed).
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: high
---*/
-- Annotated InferenceServices are WRK-0100's and WRK-0110's; the mode of the others is read in
-- this order: .status.deploymentMode, a Knative Service labelled for it (Serverless), the
-- inferenceservice-config ConfigMap of the applications namespace, the DataScienceCluster's
-- kserve.defaultDeploymentMode, else Serverless while kserve.serving is Managed (the 2.x
-- default). The evidence is the object that decides.
with dsc as (
    select file, raw from datascienceclusters order by name limit 1
),
config as (
    select c.file,
           json_extract_string(c.raw ->> '/data/deploy', '$.defaultDeploymentMode') as mode
    from configmaps as c, mgscan_params as p
    where c.name = 'inferenceservice-config' and c.namespace = p.app_namespace
      and json_extract_string(c.raw ->> '/data/deploy', '$.defaultDeploymentMode') is not null
    limit 1
),
ksvc as (
    select namespace, labels ->> 'serving.kserve.io/inferenceservice' as isvc,
           min(file) as file
    from knative_services
    where (labels ->> 'serving.kserve.io/inferenceservice') is not null
    group by all
),
isvc as (
    select i.namespace, i.name, i.file, i.input_id, i.raw ->> '/status/deploymentMode' as status_mode,
           k.file as ksvc_file
    from inferenceservices as i
    left join ksvc as k on k.namespace = i.namespace and k.isvc = i.name
    where (i.annotations ->> 'serving.kserve.io/deploymentMode') is null
),
decided as (
    select i.namespace, i.name, i.input_id,
        case when i.status_mode is not null then i.status_mode
             when i.ksvc_file is not null then 'Serverless'
             when (select mode from config) is not null then (select mode from config)
             when (select raw ->> '/spec/components/kserve/defaultDeploymentMode' from dsc)
                  is not null
                 then (select raw ->> '/spec/components/kserve/defaultDeploymentMode' from dsc)
             when coalesce((select raw ->> '/spec/components/kserve/serving/managementState'
                            from dsc), 'Managed') = 'Managed' then 'Serverless'
        end as mode,
        case when i.status_mode is not null then i.file
             when i.ksvc_file is not null then i.ksvc_file
             when (select mode from config) is not null then (select file from config)
             else (select file from dsc) end as evidence_file,
        case when i.status_mode is not null then '/status/deploymentMode'
             when i.ksvc_file is not null then '/metadata/labels/serving.kserve.io~1inferenceservice'
             when (select mode from config) is not null then '/data/deploy'
             when (select raw ->> '/spec/components/kserve/defaultDeploymentMode' from dsc)
                  is not null then '/spec/components/kserve/defaultDeploymentMode'
             else '/spec/components/kserve/serving/managementState' end as evidence_pointer,
        case when i.status_mode is not null then 'its status.deploymentMode'
             when i.ksvc_file is not null then 'a Knative Service serves it'
             when (select mode from config) is not null
                 then 'the cluster default in ConfigMap inferenceservice-config'
             when (select raw ->> '/spec/components/kserve/defaultDeploymentMode' from dsc)
                  is not null then 'the DataScienceCluster default deployment mode'
             else 'the 2.x default while KServe serving is Managed' end as source
    from isvc as i
)
select
    'InferenceService' as kind,
    d.namespace,
    d.name,
    d.evidence_file,
    d.evidence_pointer,
    case d.evidence_pointer
        when '/status/deploymentMode' then d.mode
        when '/metadata/labels/serving.kserve.io~1inferenceservice' then d.name
        when '/data/deploy' then (select c.raw ->> '/data/deploy' from configmaps as c
                                  where c.file = d.evidence_file limit 1)
        when '/spec/components/kserve/defaultDeploymentMode' then d.mode
        else coalesce((select raw ->> '/spec/components/kserve/serving/managementState' from dsc),
                      '(not set: Managed)') end as observed,
    d.mode,
    d.source,
    d.input_id
from decided as d
where lower(coalesce(d.mode, '')) in ('serverless', 'modelmesh')
order by d.namespace, d.name
