/*---
id: COL-0020
title: A must-gather image failed and left only an inspect.local fallback
group: collection
severity: info
severity_reason: >-
  Describes the bundle, not the cluster: nothing on the cluster needs fixing. The checks the gap
  hides are not evaluated, and when a critical or prohibited one is among them the report says
  readiness cannot be confirmed, so missing data never raises the verdict.
aliases: []
requires: []
message: >-
  Fallback directory {{ name }} was found: `oc adm must-gather` could not run an image and fell
  back to a generic `oc adm inspect`, so that image's data is missing or partial.
remediation: |
  Check why the must-gather image did not start (image pull errors, a restricted registry, pod
  security) in `must-gather.logs`, then gather again with both images.
links:
  - {title: "Gathering data about your cluster", url: "https://docs.redhat.com/en/documentation/openshift_container_platform/4.19/html/support/gathering-cluster-data"}
effort: low
---*/
select
    'InspectRoot' as kind,
    null as namespace,
    r.path as name,
    null as evidence_file,
    null as evidence_pointer,
    r.path as observed,
    r.input_id
from mgscan_roots as r
where r.role = 'fallback'
order by r.path
