/*---
id: COL-0040
title: The bundle was obfuscated (must-gather-clean)
group: collection
severity: info
severity_reason: >-
  Describes the bundle, not the cluster: nothing on the cluster needs fixing. The checks the gap
  hides are not evaluated, and when a critical or prohibited one is among them the report says
  readiness cannot be confirmed, so missing data never raises the verdict.
aliases: []
requires: []
message: >-
  {{ name }} shows the bundle was cleaned by must-gather-clean ({{ observed }}): IP addresses,
  MAC addresses and domain names are replaced by tokens and some files may be omitted, so
  findings that depend on them can be incomplete; rules that report something missing are
  not evaluated.
remediation: |
  Analyze the original bundle if policy allows, or confirm the affected findings on the
  cluster.
links:
  - {title: "openshift/must-gather-clean", url: "https://github.com/openshift/must-gather-clean"}
effort: low
---*/
with watermark as (
    select f.input_id, f.path
    from files as f
    where f.path = 'watermark.txt' or f.path like '%/watermark.txt'
),
token as (
    select o.input_id, o.file, o.kind as obj_kind, o.namespace, o.name,
        regexp_extract(o.raw::varchar, 'x-(ipv4|ipv6|mac|domain)-[0-9]{10}-x', 0) as tok
    from objects as o
    where o.kind in ('Node', 'Infrastructure', 'Network')  -- always carry IPs: enough to tell
      and regexp_matches(o.raw::varchar, 'x-(ipv4|ipv6|mac|domain)-[0-9]{10}-x')
    order by o.file, o.object_id
    limit 1
)
select 'File' as kind, null as namespace, w.path as name, w.path as evidence_file,
       null as evidence_pointer, 'watermark.txt present' as observed, w.input_id
from watermark as w
union all
select 'File' as kind, null as namespace, t.file as name, t.file as evidence_file,
       null as evidence_pointer, 'placeholder token ' || t.tok as observed, t.input_id
from token as t
where not exists (select 1 from watermark)
order by name
