/*---
id: WRK-0040
title: The DataSciencePipelinesApplication CRD still stores v1alpha1 objects
group: workload
severity: critical
aliases: [workloads.datasciencepipelines.stored-version-removal]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [crds]
message: >-
  CRD {{ name }} lists v1alpha1 in .status.storedVersions ({{ observed }}); RHOAI 3.x removes the
  v1alpha1 API, so DataSciencePipelinesApplications still stored at v1alpha1 must be migrated first.
remediation: |
  Migrate every DataSciencePipelinesApplication from `v1alpha1` to `v1` (the vendor script
  `ai_pipelines/check_before_upgrade.sh` converts them), then make sure `.status.storedVersions`
  of the CRD no longer lists `v1alpha1`.
  Offline limitation: a must-gather normally holds only CRDs related to ClusterOperators. When the
  DSPA CRD is absent from the bundle this rule finds nothing; collect it with
  `oc get crd datasciencepipelinesapplications.datasciencepipelinesapplications.opendatahub.io -o yaml`.
links:
  - {title: "Migrating from RHOAI 2.x to 3.x", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
select
    'CustomResourceDefinition' as kind,
    null as namespace,
    c.name,
    c.file as evidence_file,
    '/status/storedVersions' as evidence_pointer,
    cast(c.raw -> '/status/storedVersions' as varchar) as observed,
    c.input_id
from crds as c
where c.name = 'datasciencepipelinesapplications.datasciencepipelinesapplications.opendatahub.io'
  and list_contains(
        coalesce(from_json(c.raw -> '/status/storedVersions', '["varchar"]'), []), 'v1alpha1')
order by c.name
