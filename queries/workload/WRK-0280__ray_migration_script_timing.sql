/*---
id: WRK-0280
title: CodeFlare-managed RayClusters need the Ray migration script, run after the 2.x cleanup
group: workload
severity: warning
severity_reason: >-
  The customer must run the Ray migration script for CodeFlare-managed RayClusters, after the 2.x
  clean-up; skipping it breaks those clusters.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [rayclusters]
message: >-
  RayCluster {{ namespace }}/{{ name }} is managed by CodeFlare ({{ managed_by }}); it must be moved
  to standalone KubeRay with the Ray migration script. Run the Ray migration script after the 2.x
  cleanup, not before: security gap.
remediation: |
  CodeFlare is removed in RHOAI 3.x and RayClusters are then managed by KubeRay alone. Back up the
  RayClusters, remove CodeFlare (DSC `codeflare.managementState: Removed`) as part of the 2.x
  cleanup, and only then run the Ray migration script: running it earlier leaves the clusters
  exposed (the CodeFlare OAuth protection is dropped before the 3.x authentication is in place).
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
-- Beyond the vendor's 3.3.2 catalogue: migration-facts.md §3 (CodeFlare → KubeRay; run the Ray
-- migration script, not too early). CodeFlare-managed = finalizer ray.openshift.ai/oauth-finalizer,
-- as in workloads.ray.impacted-workloads.
select
    'RayCluster' as kind,
    rc.namespace,
    rc.name,
    rc.file as evidence_file,
    '/metadata/finalizers/' || (list_position(
        from_json(rc.raw -> '/metadata/finalizers', '["varchar"]'),
        'ray.openshift.ai/oauth-finalizer') - 1)::varchar as evidence_pointer,
    'ray.openshift.ai/oauth-finalizer' as observed,
    'finalizer ray.openshift.ai/oauth-finalizer' as managed_by,
    rc.input_id
from rayclusters as rc
where list_contains(
        coalesce(from_json(rc.raw -> '/metadata/finalizers', '["varchar"]'), []),
        'ray.openshift.ai/oauth-finalizer')
order by rc.namespace, rc.name
