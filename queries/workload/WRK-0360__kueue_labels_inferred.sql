/*---
id: WRK-0360
title: Kueue queue-label violations in collected RayClusters and Pods (monitored CRs not collected)
group: workload
severity: warning
severity_reason: >-
  Stands in for the vendor's Kueue data-integrity check (WRK-0170), advisory from odh-cli
  13c144c: inconsistent queue labels are a warning the customer fixes before upgrading.
aliases: []
requires: [datascienceclusters, namespaces, rayclusters, pods]
component_state:
  component: kueue
  states: [Unmanaged]
message: >-
  {{ kind }} {{ namespace }}/{{ name }}: {{ violation }}{{ ' (inferred from its Pod)' if inferred else '' }}.
  The exact Kueue data-integrity check could not run because {{ missing_kinds }} were not collected.
remediation: |
  Make Kueue labelling consistent before upgrading (see WRK-0170): workloads in a Kueue-managed
  namespace need `kueue.x-k8s.io/queue-name`, workloads elsewhere must not have it, and every
  object a RayCluster owns must carry the RayCluster's value. RayCluster rows are exact (the CRs
  are collected). Rows for workbenches and models are inferred from their Pods (labels
  `notebook-name`, `serving.kserve.io/inferenceservice`): the queue label the vendor reads sits
  on the Notebook or InferenceService CR, which was not collected. All rows are warnings, as the
  vendor's data-integrity check is advisory from odh-cli 13c144c. Collect the missing kinds for the exact check (WRK-0170).
links:
  - {title: "Migrating to the Red Hat build of Kueue", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/2.25/html/managing_openshift_ai/migrating-to-the-rhbok-operator_kueue"}
effort: moderate
---*/
-- Inference for 2.x bundles: WRK-0170 (vendor workloads.kueue.data-integrity) needs every
-- monitored CR kind and is not_evaluated when one was not collected (mgscan_coverage). This rule
-- then checks what the bundle does hold: RayClusters (category "all", collected in 2.x) with the
-- full ownership walk, and Pods of workbenches/models as stand-ins for their CRs (rules 1-2 only).
-- Returns nothing when WRK-0170 can run.
with recursive
missing as (
    select string_agg(kind, ', ' order by kind) as kinds
    from mgscan_coverage
    where kind in ('notebooks', 'inferenceservices', 'llminferenceservices', 'rayjobs',
                   'pytorchjobs')
      and status = 'not_collected'
),
ns as (select name, managed from mgscan_kueue_namespaces),
pod_roots as (
    -- one stand-in per workbench / model: its first Pod by name
    select
        case when (p.labels ->> 'notebook-name') is not null then 'Notebook'
             else 'InferenceService' end as kind,
        p.namespace,
        coalesce(p.labels ->> 'notebook-name', p.labels ->> 'serving.kserve.io/inferenceservice')
            as name,
        p.uid, p.file, p.input_id,
        p.labels ->> 'kueue.x-k8s.io/queue-name' as queue,
        true as inferred,
        row_number() over (
            partition by p.namespace,
                         coalesce(p.labels ->> 'notebook-name',
                                  p.labels ->> 'serving.kserve.io/inferenceservice')
            order by p.name) as rn
    from pods as p
    where (p.labels ->> 'notebook-name') is not null
       or (p.labels ->> 'serving.kserve.io/inferenceservice') is not null
),
roots as (
    select kind, namespace, name, uid, file, input_id,
           labels ->> 'kueue.x-k8s.io/queue-name' as queue, false as inferred
    from rayclusters
    union all
    select kind, namespace, name, uid, file, input_id, queue, inferred
    from pod_roots where rn = 1
),
judged as (
    select r.*, n.name is not null as ns_known, coalesce(n.managed, false) as ns_managed
    from roots as r
    left join ns as n on n.name = r.namespace
),
relevant as (
    select * from judged
    where namespace in (select name from ns where managed)
       or namespace in (select namespace from judged where queue is not null)
),
-- ownerReferences edges: queries/_views/kueue.sql
edges as (select * from mgscan_owner_edges),
tree(root_ns, root_name, root_queue, d_kind, d_name, d_uid, d_queue, depth) as (
    select r.namespace, r.name, r.queue, e.kind, e.name, e.uid, e.queue, 1
    from relevant as r
    join edges as e on e.parent_uid = r.uid and e.namespace = r.namespace
    where r.kind = 'RayCluster' and r.uid is not null
    union
    select t.root_ns, t.root_name, t.root_queue, e.kind, e.name, e.uid, e.queue, t.depth + 1
    from tree as t
    join edges as e on e.parent_uid = t.d_uid and e.namespace = t.root_ns
    where t.depth < 8
),
tree_violation as (
    select
        root_ns, root_name,
        d_kind || ' ' || d_name || ' ' ||
        case when root_queue is not null and d_queue is null
                 then 'lacks kueue.x-k8s.io/queue-name while its root has "' || root_queue || '"'
             when root_queue is null and d_queue is not null
                 then 'has kueue.x-k8s.io/queue-name "' || d_queue || '" while its root has none'
             else 'has kueue.x-k8s.io/queue-name "' || d_queue || '" while its root has "'
                  || root_queue || '"' end as detail,
        row_number() over (partition by root_ns, root_name order by depth, d_kind, d_name) as rn
    from tree
    where root_queue is distinct from d_queue  -- label presence, as the vendor reads it
),
violations as (
    select
        r.*,
        case
            when r.ns_managed and r.queue is null
                then 'in Kueue-managed namespace ' || r.namespace
                     || ' but has no kueue.x-k8s.io/queue-name label'
            when r.queue is not null and r.ns_known and not r.ns_managed
                then 'has kueue.x-k8s.io/queue-name "' || r.queue || '" but namespace '
                     || r.namespace || ' is not Kueue-managed'
            when r.kind = 'RayCluster' and tv.detail is not null
                then 'ownership tree inconsistency: ' || tv.detail
        end as violation
    from relevant as r
    left join tree_violation as tv
      on r.kind = 'RayCluster' and tv.root_ns = r.namespace and tv.root_name = r.name
     and tv.rn = 1
)
select
    v.kind,
    v.namespace,
    v.name,
    v.file as evidence_file,
    '/metadata/labels/kueue.x-k8s.io~1queue-name' as evidence_pointer,
    coalesce(v.queue, '(not set)') as observed,
    v.violation,
    v.inferred,
    m.kinds as missing_kinds,
    v.input_id
from violations as v, missing as m
where v.violation is not null
  and m.kinds is not null
order by v.namespace, v.kind, v.name
