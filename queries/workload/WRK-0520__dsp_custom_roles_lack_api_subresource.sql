/*---
id: WRK-0520
title: Custom Roles lack the pipelines API subresource that RHOAI 3.x requires
group: workload
severity: critical
aliases: [workloads.datasciencepipelines.custom-rbac-api-subresource]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, roles]
# rhai-cli CanApply (1e69f96) calls pkg/aipipelines ShouldApplyChecks: Managed under either key, or DSPAs exist
component_state:
  component: [datasciencepipelines, aipipelines]
  states: [Managed]
  or_exists: dspas
message: >-
  Role {{ namespace }}/{{ name }} grants route.openshift.io access but not the
  datasciencepipelinesapplications/api subresource; after the move to kube-rbac-proxy in RHOAI 3.x
  its users lose access to the pipeline server API.
remediation: |
  Add the `datasciencepipelinesapplications/api` subresource (API group
  `datasciencepipelinesapplications.opendatahub.io`, with the same verbs as the route rule) to each
  listed Role before upgrading, for example with
  `rhai-cli migrate run -m ai-pipelines.update-dsp-role`.
  A must-gather does not include Roles; add the output of
  `oc get roles.rbac.authorization.k8s.io -A -o yaml > roles.yaml` to evaluate this check.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
with role_rules as (
    select r.namespace, r.name, r.file, r.input_id,
           coalesce(from_json(r.raw -> '/rules', '["json"]'), []) as rules
    from roles as r
    where not regexp_matches(r.namespace, '^(kube-system|default|openshift.*|redhat-ods-.*)$')
      and not regexp_matches(r.name, '^(ds-pipeline-|pipeline-runner-)')
),
flags as (
    select *,
        len(list_filter(rules, lambda x: list_contains(
            coalesce(from_json(x -> '$.apiGroups', '["varchar"]'), []), 'route.openshift.io'))) > 0
            as grants_routes,
        len(list_filter(rules, lambda x: list_contains(
            coalesce(from_json(x -> '$.resources', '["varchar"]'), []),
            'datasciencepipelinesapplications/api'))) > 0 as grants_api
    from role_rules
)
select
    'Role' as kind,
    f.namespace,
    f.name,
    f.file as evidence_file,
    '/rules' as evidence_pointer,
    null as observed,  -- what the rules lack is in the message; the excerpt shows them
    f.input_id
from flags as f
where f.grants_routes and not f.grants_api
order by f.namespace, f.name
