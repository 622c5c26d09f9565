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
  {{ refs }}.
remediation: |
  Create each missing Secret, or remove it from the Notebook's `opendatahub.io/connections`
  annotation (a comma-separated list of `namespace/name` or `name`; a bare name is looked up in
  the Notebook's namespace).
  Offline limitation: a Secret can only be found when its namespace was inspected. A reference
  into a namespace with no collected Secret at all cannot be checked: it is never reported as
  missing, and when nothing else is found the check is not evaluated; collect those Secrets with
  `oc adm inspect -n <namespace> secrets`.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
tags: [absence]   # reports something missing: not_evaluated on obfuscated bundles
---*/
with refs as (
    select
        n.namespace, n.name, n.file, n.input_id,
        n.annotations ->> 'opendatahub.io/connections' as connections,
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
        namespace, name, file, input_id, connections,
        list(s_ns || '/' || s_name order by s_ns, s_name)
            filter (where not found and ns_collected) as missing_refs,
        list(s_ns || '/' || s_name order by s_ns, s_name)
            filter (where not found and not ns_collected) as unverified_refs,
        list(distinct s_ns order by s_ns) filter (where not found and not ns_collected)
            as unverified_ns
    from checked
    group by namespace, name, file, input_id, connections
)
-- Secrets that are not in their (inspected) namespace: findings.
select
    'Notebook' as kind,
    p.namespace,
    p.name,
    p.file as evidence_file,
    '/metadata/annotations/opendatahub.io~1connections' as evidence_pointer,
    p.connections as observed,
    array_to_string(p.missing_refs, ', ') as refs,
    'do not exist' as status_text,
    p.input_id,
    null as missing,
    null as collect
from per_notebook as p
where p.missing_refs is not null
union all
-- Secrets in namespaces whose Secrets were not collected: unknown, never a finding.
select
    'Notebook',
    p.namespace,
    p.name,
    p.file,
    '/metadata/annotations/opendatahub.io~1connections',
    p.connections,
    array_to_string(p.unverified_refs, ', '),
    'could not be checked (no Secrets collected in their namespace)',
    p.input_id,
    'secrets',
    'oc adm inspect --dest-dir=rhoai-extra secrets -n '
        || array_to_string(p.unverified_ns, ' && oc adm inspect --dest-dir=rhoai-extra secrets -n ')
from per_notebook as p
where p.unverified_refs is not null
order by 2, 3, 10 nulls first
