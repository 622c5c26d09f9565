/*---
id: CMP-0100
title: Kueue management state is not supported for the upgrade
group: component
severity: prohibited
aliases: [components.kueue.management-state]
vendor_commit: 98a9a6a
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters]
component_state:
  component: kueue
  states: [Managed, Unmanaged]
message: >-
  {% if conflict %}Potential "default"
  LocalQueue naming conflict ({{ evidence }}). When Kueue is Unmanaged, workloads in
  Kueue-managed namespaces that name no queue are placed on the LocalQueue named "default",
  which may route them to an unintended queue.{% elif in_use %}The RHOAI {{ target }} upgrade does
  not support the Kueue managementState Managed, and Kueue is in use ({{ evidence }}): migrate
  Kueue to Unmanaged with the Red Hat build of Kueue operator before upgrading.{% else %}The
  RHOAI {{ target }} upgrade supports the Kueue managementState Removed or Unmanaged. DataScienceCluster
  {{ name }} has Kueue Managed but no workload uses Kueue: set it to Removed or Unmanaged and run
  the assessment again.{% endif %}
remediation: |
  Leaving the embedded Kueue Managed during the migration can leave the cluster unstable,
  recoverable only by a full restore.
  - Kueue Managed and in use (prohibited): migrate to the Red Hat build of Kueue operator
    (Subscription `kueue-operator`, channel `stable-v1.2`) following the RHOAI 2.25 document
    "Migrating to the Red Hat build of Kueue operator", which leaves Kueue Unmanaged.
  - Kueue Managed and not in use (critical): set `spec.components.kueue.managementState` to
    `Removed` (or `Unmanaged` with the Red Hat build of Kueue) and run the assessment again.
  - Kueue Unmanaged: supported (no finding).
  - "default" LocalQueue conflict (warning, with Unmanaged or when migrating to it): rename
    `spec.components.kueue.defaultLocalQueueName` to a value other than `default`, drain the
    workloads of the existing LocalQueue named `default`, and delete it. LocalQueues are judged
    only when the bundle holds them (`oc adm inspect -A localqueues.kueue.x-k8s.io`).
  "In use" means a Namespace labelled `kueue-managed=true` or `kueue.openshift.io/managed=true`,
  or a Notebook, InferenceService, LLMInferenceService, RayCluster, RayJob or PyTorchJob with
  the label `kueue.x-k8s.io/queue-name`. When those custom resources were not collected, mgscan
  also counts Pods, Deployments and StatefulSets carrying the queue label (marked inferred).
  This follows rhai-cli at odh-cli 13c144c (pull requests #134 and #144); the 3.3.2 build
  refused Unmanaged as well.
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
),
dsc as (
    select d.name, d.file, d.raw ->> '/spec/components/kueue/managementState' as state,
           d.raw ->> '/spec/components/kueue/defaultLocalQueueName' as default_queue,
           vminor((select target_version from mgscan_params)) as target,
           (u.n_direct + u.n_inferred) > 0 as in_use,
           u.n_direct = 0 and u.n_inferred > 0 as inferred,
           case
               when u.n_direct > 0 then u.n_direct::varchar || ' object(s), e.g. ' || u.ex_direct
               when u.n_inferred > 0 then 'inferred from ' || u.n_inferred::varchar
                    || ' workload object(s) with the queue label, e.g. ' || u.ex_inferred
           end as evidence
    from datascienceclusters d, use u
    where (d.raw ->> '/spec/components/kueue/managementState') in ('Managed', 'Unmanaged')
),
-- the DefaultLocalQueueConflict warning: with Unmanaged, or Managed and in use (it will become
-- Unmanaged), when defaultLocalQueueName is "default" or a LocalQueue named "default" exists
conflict as (
    select 'DataScienceCluster' as kind, null as namespace, dsc.name, dsc.file,
           '/spec/components/kueue/defaultLocalQueueName' as pointer, dsc.default_queue as observed,
           'DSC spec.components.kueue.defaultLocalQueueName is set to "default"' as evidence
    from dsc
    where (dsc.state = 'Unmanaged' or dsc.in_use) and dsc.default_queue = 'default'
    union all
    select 'LocalQueue', q.namespace, q.name, q.file, '/metadata/name', q.name,
           'a LocalQueue named "default" exists in namespace ' || q.namespace
    from localqueues q, dsc
    where (dsc.state = 'Unmanaged' or dsc.in_use) and q.name = 'default'
)
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/kueue/managementState' as evidence_pointer,
    dsc.state as observed,
    false as conflict,
    dsc.in_use,
    dsc.inferred,
    dsc.target,
    case when dsc.in_use then 'prohibited' else 'critical' end as severity,
    dsc.evidence
from dsc
where dsc.state = 'Managed'
union all
select c.kind, c.namespace, c.name, c.file, c.pointer, c.observed, true, false, false,
       null, 'warning', c.evidence
from conflict c
order by kind, namespace nulls first, name
