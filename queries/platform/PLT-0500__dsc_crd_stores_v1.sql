/*---
id: PLT-0500
title: The DataScienceCluster CRD still lists v1 in its stored versions
group: platform
severity: critical
aliases: [platform.dsc.storage-version]
applies_to:
  target: ">=3.6"
requires: [crds]
message: >-
  {% if missing %}The DataScienceCluster CRD ({{ name }}) is not in the bundle, so whether v1 objects are still stored could not be verified.
  {% elif unverified %}The DataScienceCluster CRD ({{ name }}) {{ detail }}, so whether v1 objects are still stored could not be verified; collect it with `oc get crd {{ name }} -o yaml`.
  {% else %}CRD {{ name }} lists v1 in .status.storedVersions ({{ stored_list }}); stored DataScienceCluster objects must be migrated before v1 is retired.{% endif %}
remediation: |
  Migrate the stored DataScienceCluster objects to the current version before upgrading to 3.6
  (`rhai-cli migrate run --migration dsc.storage-version.migrate --target-version 3.6.0`), then
  check that `.status.storedVersions` of the CRD no longer lists `v1`.
  A must-gather does not normally include this CRD; add the output of
  `oc get crd datascienceclusters.datasciencecluster.opendatahub.io -o yaml` to evaluate this check.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
with crd as (
    select c.name, c.file, c.input_id,
           coalesce(from_json(c.raw -> '/status/storedVersions', '["varchar"]'), []) as stored,
           coalesce(c.raw ->> '/status/storedVersions', '(not set)') as stored_json
    from crds as c
    where c.name = 'datascienceclusters.datasciencecluster.opendatahub.io'
)
select
    'CustomResourceDefinition' as kind,
    null as namespace,
    crd.name,
    crd.file as evidence_file,
    '/status/storedVersions' as evidence_pointer,
    crd.stored_json as observed,
    array_to_string(crd.stored, ', ') as stored_list,
    null as detail,
    false as unverified,
    'critical' as severity,
    crd.input_id,
    false as absent,
    null as missing,
    null as collect
from crd
where list_contains(crd.stored, 'v1')
union all
-- like rhai-cli: a CRD it cannot read, or with empty stored versions, is an advisory finding
select 'CustomResourceDefinition', null, crd.name, crd.file, '/status/storedVersions',
       crd.stored_json, null, 'has no usable .status.storedVersions', true, 'warning', crd.input_id,
       false, null, null
from crd
where len(crd.stored) = 0 or list_contains(crd.stored, '')
union all
-- the CRD is not in the bundle: unknown (rhai-cli reads it live), never a finding
select 'CustomResourceDefinition', null, 'datascienceclusters.datasciencecluster.opendatahub.io',
       null, null, '(not in the bundle)', null, 'is not in the bundle', true, null, null, true,
       'crds', 'oc get crd datascienceclusters.datasciencecluster.opendatahub.io -o yaml'
where not exists (select 1 from crd)
order by name
