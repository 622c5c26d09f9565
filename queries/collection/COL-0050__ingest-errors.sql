/*---
id: COL-0050
title: Some files of the bundle could not be read or parsed
group: collection
severity: warning
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
select
    'File' as kind,
    null as namespace,
    e.file as name,
    e.file as evidence_file,
    null as evidence_pointer,
    min(e.error) as observed,
    min(e.input_id) as input_id
from ingest_errors as e
where e.file is not null
group by e.file
order by e.file
