/*---
id: COL-0030
title: A 2.x RHOAI must-gather did not collect workload custom resources
group: collection
severity: info
severity_reason: >-
  Describes the bundle, not the cluster: nothing on the cluster needs fixing. The checks the gap
  hides are not evaluated, and when a critical or prohibited one is among them the report says
  readiness cannot be confirmed, so missing data never raises the verdict.
aliases: []
requires: []
message: >-
  The RHOAI must-gather image {{ name }} is version {{ version }} (before rhoai-3.3), which
  only inspects namespaces and therefore misses custom resources outside the "all" category.
  Not collected: {{ observed }}.
  {%- if rules %} Rules not evaluated for lack of them: {{ rules }}.
  {%- else %} No rule that applies to this cluster needs them.{% endif %}
remediation: |
  Collect the missing kinds with `oc adm inspect` (one resource type per call) and pass the
  extra directory to mgscan together with the must-gather. `mgscan collect-commands BUNDLE`
  prints the exact commands for this bundle.
links:
  - {title: "red-hat-data-services/must-gather", url: "https://github.com/red-hat-data-services/must-gather"}
effort: low
---*/
-- Lists the rules the gap hides that apply here (no component gate, or one of its components
-- in a gated state in the DataScienceCluster, or its or_exists kind collected). A closed gate
-- whose or_exists kind the gap hides does not count: that rule still runs (runner.py
-- decide_waiting) and is not_evaluated only if it finds something.
with gap as (
    select c.kind
    from mgscan_coverage as c
    join ref_collection as rc on rc.kind = c.kind
    where rc.collected_by = 'rhoai_3_3' and c.status = 'not_collected'
),
dsc as (
    select raw -> '/spec/components' as comps from datascienceclusters order by name limit 1
),
gate as (
    select r.rule_id, r.requires, r.or_exists,
        r.components is null
        or len(list_filter(r.components, lambda c: list_contains(r.states, coalesce(
               json_extract_string(d.comps, '$."' || replace(c, '.', '"."') || '".managementState'),
               'Removed')))) > 0 as open
    from mgscan_rules as r
    left join dsc as d on true
),
hidden as (
    select distinct g.rule_id
    from gate as g, (select coalesce(list(kind), []) as kinds from gap) as gl
    where len(list_intersect(g.requires, gl.kinds)) > 0
      and (g.open or g.or_exists in (select kind from mgscan_coverage where status = 'collected'))
),
summary as (
    select
        (select string_agg(kind, ', ' order by kind) from gap) as kinds,
        (select string_agg(rule_id, ', ' order by rule_id) from hidden) as rules
)
select
    'InspectRoot' as kind,
    null as namespace,
    r.path as name,
    case when r.path = '' then 'version' else r.path || '/version' end as evidence_file,
    null as evidence_pointer,
    s.kinds as observed,
    s.rules,
    coalesce(r.semver, r.version, 'unknown') as version,
    r.input_id
from mgscan_roots as r, summary as s
where r.role = 'rhoai'
  and s.kinds is not null
  and (r.semver is null or vkey(r.semver) < [3, 3])
order by r.path
