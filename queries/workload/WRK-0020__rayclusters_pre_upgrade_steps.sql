/*---
id: WRK-0020
title: CodeFlare-managed RayClusters have not completed the pre-upgrade steps
group: workload
severity: warning
aliases: [workloads.ray.impacted-workloads]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, rayclusters]
component_state:
  component: ray
  states: [Managed]
message: >-
  RayCluster {{ namespace }}/{{ name }} is managed by CodeFlare (finalizer
  ray.openshift.ai/oauth-finalizer) and has no odh.ray.io/pre-upgrade-backup-taken annotation.
remediation: |
  Back up or delete CodeFlare-managed RayClusters before upgrading. The vendor's RayCluster backup
  script (red-hat-data-services/rhoai-upgrade-helpers) sets the annotation
  `odh.ray.io/pre-upgrade-backup-taken` when the backup is done.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
select
    'RayCluster' as kind,
    rc.namespace,
    rc.name,
    rc.file as evidence_file,
    '/metadata/finalizers/' || (list_position(
        from_json(rc.raw -> '/metadata/finalizers', '["varchar"]'),
        'ray.openshift.ai/oauth-finalizer') - 1)::varchar as evidence_pointer,
    'ray.openshift.ai/oauth-finalizer' as observed,
    rc.input_id
from rayclusters as rc
where list_contains(
        coalesce(from_json(rc.raw -> '/metadata/finalizers', '["varchar"]'), []),
        'ray.openshift.ai/oauth-finalizer')
  -- an empty value is not a backup (vendor: Annotations[...] != "")
  and coalesce(rc.annotations ->> 'odh.ray.io/pre-upgrade-backup-taken', '') = ''
order by rc.namespace, rc.name
