/*---
id: COL-0010
title: The RHOAI must-gather image output is missing
group: collection
severity: info
severity_reason: >-
  Describes the bundle, not the cluster: nothing on the cluster needs fixing. The checks the gap
  hides are not evaluated, and when a critical or prohibited one is among them the report says
  readiness cannot be confirmed, so missing data never raises the verdict.
aliases: []
upgrade_only: true
requires: []
message: >-
  No RHOAI must-gather image directory was found (roots seen: {{ observed }}). The
  DataScienceCluster, DSCInitialization and component data come from that image, so most
  component and workload rules cannot be evaluated.
remediation: |
  Gather again with both images, the default OpenShift one and the RHOAI one:

      oc adm must-gather --image-stream=openshift/must-gather --image=quay.io/modh/must-gather:rhoai-2.25

  For RHOAI 3.x clusters use `registry.redhat.io/rhoai/odh-must-gather-rhel9:v3.<minor>.<patch>`.
links:
  - {title: "red-hat-data-services/must-gather", url: "https://github.com/red-hat-data-services/must-gather"}
  - {title: "Gathering data about your cluster", url: "https://docs.redhat.com/en/documentation/openshift_container_platform/4.19/html/support/gathering-cluster-data"}
effort: low
---*/
select
    'Bundle' as kind,
    null as namespace,
    'rhoai-must-gather' as name,
    null as evidence_file,
    null as evidence_pointer,
    coalesce((select string_agg(coalesce(nullif(path, ''), '.') || ' (' || kind || ')', ', '
                                order by path)
              from mgscan_roots), 'none') as observed
where not exists (select 1 from mgscan_roots where role = 'rhoai')
order by name
