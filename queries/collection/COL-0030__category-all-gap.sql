/*---
id: COL-0030
title: A 2.x RHOAI must-gather did not collect workload custom resources
group: collection
severity: warning
aliases: []
requires: []
message: >-
  The RHOAI must-gather image {{ name }} is version {{ version }} (before rhoai-3.3), which
  only inspects namespaces and therefore misses custom resources outside the "all" category.
  Not collected: {{ observed }}. Rules that need them are reported as not evaluated.
remediation: |
  Collect the missing kinds with `oc adm inspect` (one resource type per call) and pass the
  extra directory to mgscan together with the must-gather. `mgscan collect-commands BUNDLE`
  prints the exact commands for this bundle.
links:
  - {title: "red-hat-data-services/must-gather", url: "https://github.com/red-hat-data-services/must-gather"}
effort: low
---*/
with gap as (
    select string_agg(c.kind, ', ' order by c.kind) as kinds
    from mgscan_coverage as c
    join ref_collection as rc on rc.kind = c.kind
    where rc.collected_by = 'rhoai_3_3' and c.status = 'not_collected'
)
select
    'InspectRoot' as kind,
    null as namespace,
    r.path as name,
    case when r.path = '' then 'version' else r.path || '/version' end as evidence_file,
    null as evidence_pointer,
    gap.kinds as observed,
    coalesce(r.semver, r.version, 'unknown') as version,
    r.input_id
from mgscan_roots as r, gap
where r.role = 'rhoai'
  and gap.kinds is not null
  and (r.semver is null or vkey(r.semver) < [3, 3])
order by r.path
