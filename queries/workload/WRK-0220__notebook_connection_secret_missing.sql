/*---
id: WRK-0220
title: Notebooks reference connection Secrets that do not exist
group: workload
severity: critical
aliases: [workloads.notebook.connection-integrity]
requires: [datascienceclusters, notebooks, secrets]
component_state:
  component: workbenches
  states: [Managed, Unmanaged]
message: >-
  Notebook {{ namespace }}/{{ name }} references connection Secrets that {{ status_text }}:
  {{ observed }}.
remediation: |
  Create each missing Secret, or remove it from the Notebook's `opendatahub.io/connections`
  annotation (a comma-separated list of `namespace/name` or `name`; a bare name is looked up in
  the Notebook's namespace).
  Offline limitation: a Secret can only be found when its namespace was inspected. References
  into namespaces with no collected Secret at all are reported as "could not be verified"
  (warning) instead of missing; collect them with `oc adm inspect -n <namespace> secrets`.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
tags: [absence]   # reports something missing: not_evaluated on obfuscated bundles
---*/
with refs as (
    select
        n.namespace, n.name, n.file, n.input_id,
        trim(r.ref) as ref
    from notebooks as n,
         unnest(string_split(coalesce(n.annotations ->> 'opendatahub.io/connections', ''), ','))
             as r(ref)
    where trim(r.ref) <> ''
),
resolved as (
    select
        refs.*,
        case when contains(ref, '/') then split_part(ref, '/', 1) else namespace end as s_ns,
        case when contains(ref, '/') then split_part(ref, '/', 2) else ref end as s_name
    from refs
),
checked as (
    select
        r.*,
        exists (select 1 from secrets as s where s.namespace = r.s_ns and s.name = r.s_name)
            as found,
        exists (select 1 from secrets as s where s.namespace = r.s_ns) as ns_collected
    from resolved as r
),
per_notebook as (
    select
        namespace, name, file, input_id,
        list(s_ns || '/' || s_name order by s_ns, s_name)
            filter (where not found and ns_collected) as missing,
        list(s_ns || '/' || s_name order by s_ns, s_name)
            filter (where not found and not ns_collected) as unverified
    from checked
    group by namespace, name, file, input_id
)
select
    'Notebook' as kind,
    p.namespace,
    p.name,
    p.file as evidence_file,
    '/metadata/annotations/opendatahub.io~1connections' as evidence_pointer,
    array_to_string(coalesce(p.missing, p.unverified), ', ') as observed,
    case when p.missing is not null then 'do not exist'
         else 'could not be verified (no Secrets collected in their namespace)' end as status_text,
    case when p.missing is not null then 'critical' else 'warning' end as severity,
    p.input_id
from per_notebook as p
where p.missing is not null or p.unverified is not null
order by p.namespace, p.name
