-- Kueue building blocks shared by WRK-0170 (Kueue data integrity on the CRs) and WRK-0360 (the
-- same checks inferred from RayClusters and workload Pods): vendor-checks.md §5.3.

-- Namespaces and whether Kueue manages them (label kueue-managed or kueue.openshift.io/managed).
create or replace view mgscan_kueue_namespaces as
select
    name,
    coalesce((labels ->> 'kueue-managed') = 'true', false)
        or coalesce((labels ->> 'kueue.openshift.io/managed') = 'true', false) as managed
from namespaces;

-- ownerReferences edges of the workload kinds the ownership walk follows, with each object's
-- kueue.x-k8s.io/queue-name label.
create or replace view mgscan_owner_edges as
with owned as (
    select kind, namespace, name, uid, labels, raw from deployments
    union all select kind, namespace, name, uid, labels, raw from statefulsets
    union all select kind, namespace, name, uid, labels, raw from replicasets
    union all select kind, namespace, name, uid, labels, raw from daemonsets
    union all select kind, namespace, name, uid, labels, raw from jobs
    union all select kind, namespace, name, uid, labels, raw from cronjobs
    union all select kind, namespace, name, uid, labels, raw from pods
)
select
    o.kind, o.namespace, o.name, o.uid,
    o.labels ->> 'kueue.x-k8s.io/queue-name' as queue,
    ref ->> 'uid' as parent_uid
from owned as o,
     unnest(coalesce(from_json(o.raw -> '/metadata/ownerReferences', '["json"]'), [])) as t(ref)
where (ref ->> 'uid') is not null;
