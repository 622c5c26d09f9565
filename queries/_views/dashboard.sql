-- The RHOAI dashboard's pod requests as the scheduler counts them (like rhai-cli's
-- components.dashboard.resource-capacity): regular containers plus native sidecars (init
-- containers with restartPolicy Always) run together; a plain init container runs alone, so a
-- pod needs the larger of the two. Source: the rhods-dashboard Deployment in the applications
-- namespace; without it, the dashboard Pods (label app=rhods-dashboard), one row each.
create or replace view mgscan_dashboard_pod_requests as
with specs as (
    select 'Deployment' as kind, d.namespace, d.name, d.file, d.input_id,
           '/spec/template/spec' as pointer, d.raw -> '/spec/template/spec' as spec, 1 as source
    from deployments as d, mgscan_params as p
    where d.namespace = p.app_namespace and d.name = 'rhods-dashboard'
    union all
    select 'Pod', po.namespace, po.name, po.file, po.input_id, '/spec', po.raw -> '/spec', 2
    from pods as po, mgscan_params as p
    where po.namespace = p.app_namespace and (po.labels ->> 'app') = 'rhods-dashboard'
),
chosen as (select * from specs where source = (select min(source) from specs)),
containers as (
    select kind, namespace, name,
           unnest(coalesce(from_json(spec -> '$.containers', '["json"]'), [])) as c,
           true as main
    from chosen
    union all
    select kind, namespace, name,
           unnest(coalesce(from_json(spec -> '$.initContainers', '["json"]'), [])), false
    from chosen
),
per_container as (
    select kind, namespace, name,
           coalesce(k8s_quantity(c ->> '$.resources.requests.cpu'), 0) as cpu,
           coalesce(k8s_quantity(c ->> '$.resources.requests.memory'), 0) as mem,
           main or coalesce(c ->> '$.restartPolicy', '') = 'Always' as concurrent
    from containers
),
per_pod as (
    select kind, namespace, name,
           greatest(coalesce(sum(cpu) filter (where concurrent), 0),
                    coalesce(max(cpu) filter (where not concurrent), 0)) as cpu,
           greatest(coalesce(sum(mem) filter (where concurrent), 0),
                    coalesce(max(mem) filter (where not concurrent), 0)) as mem,
           count(*) filter (where concurrent) as containers
    from per_container
    group by all
)
select c.kind, c.namespace, c.name, c.file, c.input_id, c.pointer,
       coalesce(pp.cpu, 0) as cpu_cores, coalesce(pp.mem, 0) as memory_bytes,
       coalesce(pp.containers, 0) as containers
from chosen as c
left join per_pod as pp using (kind, namespace, name);

-- Whether that dashboard pod fits on a node (rhai-cli compares it with each node's allocatable
-- CPU and memory; nodes reporting neither are ignored). One row when the dashboard's requests
-- are known; with several Pods, the largest request of each kind.
create or replace view mgscan_dashboard_fit as
with need as (
    select min(kind) as kind, min(namespace) as namespace, min(name) as name, min(file) as file,
           min(input_id) as input_id, min(pointer) as pointer,
           max(cpu_cores) as cpu, max(memory_bytes) as mem, max(containers) as containers
    from mgscan_dashboard_pod_requests
    having count(*) > 0 and (max(cpu_cores) > 0 or max(memory_bytes) > 0)
),
usable as (
    select * from (
        select coalesce(k8s_quantity(n.raw ->> '/status/allocatable/cpu'), 0) as cpu,
               coalesce(k8s_quantity(n.raw ->> '/status/allocatable/memory'), 0) as mem
        from nodes as n)
    where cpu > 0 or mem > 0
)
select need.*,
       k8s_cpu_text(need.cpu) || ' CPU, ' || k8s_memory_text(need.mem) || ' memory' as need_text,
       exists (select 1 from usable as u where u.cpu >= need.cpu and u.mem >= need.mem) as fits,
       coalesce((select max(cpu) from usable), 0) as node_cpu,
       coalesce((select max(mem) from usable), 0) as node_mem
from need;
