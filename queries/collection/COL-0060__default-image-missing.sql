/*---
id: COL-0060
title: The default OpenShift must-gather output is missing
group: collection
severity: info
severity_reason: >-
  Describes the bundle, not the cluster: nothing on the cluster needs fixing. The checks the gap
  hides are not evaluated, and when a critical or prohibited one is among them the report says
  readiness cannot be confirmed, so missing data never raises the verdict.
aliases: []
requires: []
message: >-
  No default OpenShift must-gather data was found ({{ observed }} not collected). The OpenShift
  version, OLM Subscriptions and ClusterServiceVersions come from it, so dependency rules and
  version detection may be incomplete.
remediation: |
  Add the default image to the must-gather run:

      oc adm must-gather --image-stream=openshift/must-gather --image=quay.io/modh/must-gather:rhoai-2.25

  or collect the missing objects separately:

      oc adm inspect --dest-dir=rhoai-extra clusterversion/version
      oc adm inspect -A --dest-dir=rhoai-extra subscriptions.operators.coreos.com
links:
  - {title: "Gathering data about your cluster", url: "https://docs.redhat.com/en/documentation/openshift_container_platform/4.19/html/support/gathering-cluster-data"}
effort: low
---*/
with missing as (
    select string_agg(k, ', ' order by k) as kinds
    from (
        select 'ClusterVersion' as k where not exists (select 1 from clusterversions)
        union all
        select 'Subscription' as k where not exists (select 1 from subscriptions)
    )
)
select
    'Bundle' as kind,
    null as namespace,
    'openshift-must-gather' as name,
    null as evidence_file,
    null as evidence_pointer,
    missing.kinds as observed
from missing
where missing.kinds is not null
  and not exists (select 1 from mgscan_roots where role = 'openshift')
order by name
