/*---
id: CMP-0100
title: Embedded Kueue is not Removed
group: component
severity: prohibited
aliases: [components.kueue.management-state]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters]
component_state:
  component: kueue
  states: [Managed, Unmanaged]
message: >-
  DataScienceCluster {{ name }} has kueue.managementState={{ observed }} and Kueue is
  {{ 'in use' if in_use else 'not in use' }}{{ (' (' ~ evidence ~ ')') if evidence else '' }}.
  The RHOAI 3.3.2 upgrade accepts only Kueue Removed.
remediation: |
  Leaving the embedded Kueue Managed during the migration can leave the cluster unstable,
  recoverable only by a full restore.
  - Kueue not in use: set `spec.components.kueue.managementState` to `Removed` in the
    DataScienceCluster and run the assessment again.
  - Kueue in use: migrate to the Red Hat build of Kueue operator (Subscription `kueue-operator`,
    channel `stable-v1.2`) following the RHOAI 2.25 document "Migrating to the Red Hat build of
    Kueue operator"; a later 3.3.z accepts Unmanaged with the Red Hat build of Kueue.
  "In use" means a Namespace labelled `kueue-managed=true` or `kueue.openshift.io/managed=true`,
  or a Notebook, InferenceService, LLMInferenceService, RayCluster, RayJob or PyTorchJob with
  the label `kueue.x-k8s.io/queue-name`. When those custom resources were not collected, mgscan
  also counts Pods, Deployments and StatefulSets carrying the queue label (marked inferred).
  This models rhai-cli 3.3.2 (in use → prohibited, not in use → critical, for both Managed and
  Unmanaged). Later rhai-cli builds accept Unmanaged (info) and add a warning when a LocalQueue
  or `defaultLocalQueueName` is named `default`.
links:
  - {title: "Migrating to the Red Hat build of Kueue operator (RHOAI 2.25)", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/2.25/html/managing_workloads_with_kueue/migrating-to-the-rhbok-operator_kueue"}
effort: low
---*/
with ns as (
    select 'Namespace ' || name as what
    from mgscan_kueue_namespaces  -- queries/_views/kueue.sql
    where managed
),
crs as (
    select kind || ' ' || namespace || '/' || name as what from (
        select kind, namespace, name, labels from notebooks
        union all select kind, namespace, name, labels from inferenceservices
        union all select kind, namespace, name, labels from llminferenceservices
        union all select kind, namespace, name, labels from rayclusters
        union all select kind, namespace, name, labels from rayjobs
        union all select kind, namespace, name, labels from pytorchjobs
    )
    where (labels ->> 'kueue.x-k8s.io/queue-name') is not null
),
inferred as (
    -- offline evidence: workload objects carrying the queue label (pod templates included)
    select kind || ' ' || namespace || '/' || name as what from (
        select kind, namespace, name, labels, raw from pods
        union all select kind, namespace, name, labels, raw from deployments
        union all select kind, namespace, name, labels, raw from statefulsets
    )
    where (labels ->> 'kueue.x-k8s.io/queue-name') is not null
       or (raw -> '/spec/template/metadata/labels' ->> 'kueue.x-k8s.io/queue-name') is not null
),
direct as (select what from ns union all select what from crs),
use as (
    select
        (select count(*) from direct) as n_direct,
        (select count(*) from inferred) as n_inferred,
        (select string_agg(what, ', ' order by what) from (select what from direct order by what limit 3)) as ex_direct,
        (select string_agg(what, ', ' order by what) from (select what from inferred order by what limit 3)) as ex_inferred
)
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/kueue/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/kueue/managementState' as observed,
    (u.n_direct + u.n_inferred) > 0 as in_use,
    u.n_direct = 0 and u.n_inferred > 0 as inferred,
    case when (u.n_direct + u.n_inferred) > 0 then 'prohibited' else 'critical' end as severity,
    case
        when u.n_direct > 0 then u.n_direct::varchar || ' object(s), e.g. ' || u.ex_direct
        when u.n_inferred > 0 then 'inferred from ' || u.n_inferred::varchar
             || ' workload object(s) with the queue label, e.g. ' || u.ex_inferred
    end as evidence
from datascienceclusters dsc, use u
order by dsc.name
