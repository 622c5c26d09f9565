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
  CRD {{ name }}: {{ detail }}
remediation: |
  Migrate every DataSciencePipelinesApplication from `v1alpha1` to `v1` (the vendor script
  `ai_pipelines/check_before_upgrade.sh` converts them), then make sure `.status.storedVersions`
  of the CRD no longer lists `v1alpha1`.
  Offline limitation: a must-gather normally holds only CRDs related to ClusterOperators. When
  the CRD was not collected while pipelines are in use (DSPAs collected, the DSPA API served, or
  datasciencepipelines Managed), its stored versions cannot be checked and the check is not
  evaluated (never passed); collect the CRD with
  `oc get crd datasciencepipelinesapplications.datasciencepipelinesapplications.opendatahub.io -o yaml`.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
with crd as (
    select c.name, c.file, c.input_id,
           cast(c.raw -> '/status/storedVersions' as varchar) as stored,
           list_contains(coalesce(from_json(c.raw -> '/status/storedVersions', '["varchar"]'), []),
                         'v1alpha1') as has_v1alpha1
    from crds as c
    where c.name = 'datasciencepipelinesapplications.datasciencepipelinesapplications.opendatahub.io'
),
-- Evidence that pipelines are in use, for the "could not verify" row.
in_use as (
    select d.file, d.input_id, '/spec/components/datasciencepipelines/managementState' as pointer,
           'datasciencepipelines is Managed' as why, 1 as ord
    from datascienceclusters as d
    -- evidence of use, not a gate: rhai-cli has no component gate (stored_version_removal.go L55-56)
    where (d.raw ->> '/spec/components/datasciencepipelines/managementState') = 'Managed'
    union all
    select min(file), min(input_id), '/metadata/name', count(*) || ' DSPAs collected', 2
    from dspas having count(*) > 0
    union all
    select (select min(f.path) from files as f where f.path like '%aggregated-discovery-api%'),
           (select min(f.input_id) from files as f where f.path like '%aggregated-discovery-api%'),
           null, 'the DSPA API is served according to API discovery', 3
    from discovery where "group" = 'datasciencepipelinesapplications.opendatahub.io'
    having count(*) > 0
)
select
    'CustomResourceDefinition' as kind,
    null as namespace,
    crd.name,
    crd.file as evidence_file,
    '/status/storedVersions' as evidence_pointer,
    crd.stored as observed,
    'lists v1alpha1 in .status.storedVersions (' || crd.stored || '); RHOAI 3.x removes the '
        || 'v1alpha1 API, so DataSciencePipelinesApplications still stored at v1alpha1 must be '
        || 'migrated first.' as detail,
    'critical' as severity,
    crd.input_id,
    null as missing,
    null as collect
from crd
where crd.has_v1alpha1
union all
-- The CRD is not in the bundle although pipelines are in use: unknown, never a finding.
select
    'CustomResourceDefinition',
    null,
    'datasciencepipelinesapplications.datasciencepipelinesapplications.opendatahub.io',
    u.file,
    u.pointer,
    'CRD not in the bundle; ' || u.why,
    'is not in the bundle although pipelines are in use (' || u.why || '), so its '
        || '.status.storedVersions could not be checked for v1alpha1.',
    null,
    u.input_id,
    'crds',
    'oc get crd datasciencepipelinesapplications.datasciencepipelinesapplications.opendatahub.io -o yaml'
from (select * from in_use order by ord limit 1) as u
where not exists (select 1 from crd)
order by 3
