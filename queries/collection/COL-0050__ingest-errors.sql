/*---
id: COL-0050
title: Some files of the bundle could not be read or parsed
group: collection
severity: info
severity_reason: >-
  Describes the bundle, not the cluster: nothing on the cluster needs fixing. The checks the gap
  hides are not evaluated, and when a critical or prohibited one is among them the report says
  readiness cannot be confirmed, so missing data never raises the verdict.
aliases: []
requires: []
message: >-
  {{ name }} could not be read: {{ observed }}. Objects in it are missing from the analysis.
remediation: |
  Check whether the bundle was truncated (a full disk during gathering, an interrupted copy).
  Gather again, or collect the affected kinds separately and pass them to mgscan too.
links:
  - {title: "Gathering data about your cluster", url: "https://docs.redhat.com/en/documentation/openshift_container_platform/4.19/html/support/gathering-cluster-data"}
effort: low
---*/
-- One row per file named in the errors; a cause repeated past the listed examples is one more
-- row counting the files it also affected.
select
    'File' as kind,
    null as namespace,
    e.file as name,
    e.file as evidence_file,
    null as evidence_pointer,
    min(e.error) as observed,
    min(e.input_id) as input_id
from ingest_errors as e
where e.file is not null and coalesce(e.count, 1) = 1
group by e.file
union all
select
    'File' as kind,
    null as namespace,
    format('{:,} more file(s)', sum(e.count)) as name,
    null as evidence_file,
    null as evidence_pointer,
    e.error as observed,
    min(e.input_id) as input_id
from ingest_errors as e
where e.count > 1
group by e.error
order by name, observed
