/*---
id: WRK-0170
title: Kueue queue labels are inconsistent across namespaces and workloads
group: workload
severity: warning
aliases: [workloads.kueue.data-integrity]
vendor_commit: cf6b3df
requires: [datascienceclusters, namespaces, notebooks, inferenceservices, llminferenceservices,
           rayclusters, rayjobs, pytorchjobs]
component_state:
  component: kueue
  states: [Unmanaged]
message: >-
  {{ kind }} {{ namespace }}/{{ name }}: {{ violation }}.
remediation: |
  Make Kueue labelling consistent before upgrading: every Notebook, InferenceService,
  LLMInferenceService, RayCluster, RayJob and PyTorchJob in a Kueue-managed namespace (label
  `kueue-managed=true` or `kueue.openshift.io/managed=true`) must carry
  `kueue.x-k8s.io/queue-name`, workloads outside such namespaces must not, and every Deployment,
  StatefulSet, ReplicaSet, DaemonSet, Job, CronJob and Pod owned by the workload must carry the
  same queue-name value as its root.
  Offline limitations: a namespace whose Namespace object is not in the bundle is not judged
  "not Kueue-managed" (collect `oc get namespaces -o yaml`); owned objects are only those
  collected in inspected namespaces. rhai-cli reports these violations as a warning (advisory)
  from odh-cli 13c144c (pull request #132); the 3.3.2 build reported them as prohibited.
links:
  - {title: "Migrating to the Red Hat build of Kueue", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/2.25/html/managing_openshift_ai/migrating-to-the-rhbok-operator_kueue"}
effort: moderate
---*/
with recursive
monitored as (
    select kind, namespace, name, uid, labels, file, input_id from notebooks
    union all select kind, namespace, name, uid, labels, file, input_id from inferenceservices
    union all select kind, namespace, name, uid, labels, file, input_id from llminferenceservices
    union all select kind, namespace, name, uid, labels, file, input_id from rayclusters
    union all select kind, namespace, name, uid, labels, file, input_id from rayjobs
    union all select kind, namespace, name, uid, labels, file, input_id from pytorchjobs
),
ns as (select name, managed from mgscan_kueue_namespaces),
roots as (
    select
        m.*,
        m.labels ->> 'kueue.x-k8s.io/queue-name' as queue,
        n.name is not null as ns_known,
        coalesce(n.managed, false) as ns_managed
    from monitored as m
    left join ns as n on n.name = m.namespace
),
relevant as (
    select * from roots
    where namespace in (select name from ns where managed)
       or namespace in (select namespace from roots where queue is not null)
),
-- ownerReferences edges: queries/_views/kueue.sql
edges as (select * from mgscan_owner_edges),
tree(root_kind, root_ns, root_name, root_queue, d_kind, d_name, d_uid, d_queue, depth) as (
    select r.kind, r.namespace, r.name, r.queue, e.kind, e.name, e.uid, e.queue, 1
    from relevant as r
    join edges as e on e.parent_uid = r.uid and e.namespace = r.namespace
    where r.uid is not null
    union
    select t.root_kind, t.root_ns, t.root_name, t.root_queue, e.kind, e.name, e.uid, e.queue,
           t.depth + 1
    from tree as t
    join edges as e on e.parent_uid = t.d_uid and e.namespace = t.root_ns
    where t.depth < 8
),
tree_violation as (
    select
        root_kind, root_ns, root_name,
        d_kind || ' ' || d_name || ' ' ||
        case when root_queue is not null and d_queue is null
                 then 'lacks kueue.x-k8s.io/queue-name while its root has "' || root_queue || '"'
             when root_queue is null and d_queue is not null
                 then 'has kueue.x-k8s.io/queue-name "' || d_queue || '" while its root has none'
             else 'has kueue.x-k8s.io/queue-name "' || d_queue || '" while its root has "'
                  || root_queue || '"' end as detail,
        row_number() over (partition by root_kind, root_ns, root_name
                           order by depth, d_kind, d_name) as rn
    from tree
    where root_queue is distinct from d_queue  -- label presence, as the vendor reads it
),
violations as (
    select
        r.kind, r.namespace, r.name, r.file, r.input_id, r.queue,
        case
            when r.ns_managed and r.queue is null
                then 'in Kueue-managed namespace ' || r.namespace
                     || ' but has no kueue.x-k8s.io/queue-name label'
            when r.queue is not null and r.ns_known and not r.ns_managed
                then 'has kueue.x-k8s.io/queue-name "' || r.queue || '" but namespace '
                     || r.namespace || ' is not Kueue-managed'
            when tv.detail is not null
                then 'ownership tree inconsistency: ' || tv.detail
        end as violation,
        case
            when r.ns_managed and r.queue is null then 'missing-queue-label'
            when r.queue is not null and r.ns_known and not r.ns_managed then 'unmanaged-namespace'
            when tv.detail is not null then 'ownership-tree'
        end as violation_type
    from relevant as r
    left join tree_violation as tv
      on tv.root_kind = r.kind and tv.root_ns = r.namespace and tv.root_name = r.name
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
    v.violation_type,
    v.input_id
from violations as v
where v.violation is not null
order by v.namespace, v.kind, v.name
