/*---
id: WRK-0260
title: Active PyTorchJobs use the deprecated Training Operator
group: workload
severity: warning
aliases: [workloads.trainingoperator.impacted-workloads]
vendor_commit: 757b793
applies_to:
  target: ">=3.3"
requires: [datascienceclusters, pytorchjobs]
component_state:
  component: trainingoperator
  states: [Managed]
message: >-
  PyTorchJob {{ namespace }}/{{ name }} is still active ({{ state }}) and uses the Kubeflow
  Training Operator v1, which is {{ 'removed in RHOAI 3.6' if removal else 'deprecated' }}; drain
  it and migrate to Trainer v2.
remediation: |
  Let active PyTorchJobs complete or delete them before upgrading, and migrate to the Kubeflow
  Trainer v2 TrainJob API. Completed jobs are not reported. For targets 3.3 to 3.5 the Training
  Operator is deprecated (warning); from 3.6 it is removed, so active jobs block the upgrade
  (critical), as in rhai-cli.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
-- "Completed" as in the vendor check: a condition Succeeded or Failed with status True.
with jobs as (
    select
        j.namespace, j.name, j.file, j.input_id,
        coalesce(from_json(j.raw -> '/status/conditions', '["json"]'), []) as conds
    from pytorchjobs as j
)
select
    'PyTorchJob' as kind,
    j.namespace,
    j.name,
    j.file as evidence_file,
    -- the type of the last true condition (the message names them all); none true: the list
    coalesce('/status/conditions/' || (len(j.conds) - list_position(list_reverse(list_transform(
                 j.conds, lambda c: (c ->> 'status') = 'True')), true))::varchar || '/type',
             '/status/conditions') as evidence_pointer,
    list_filter(j.conds, lambda c: (c ->> 'status') = 'True')[-1] ->> 'type' as observed,
    coalesce(
        array_to_string(list_transform(
            list_filter(j.conds, lambda c: (c ->> 'status') = 'True'),
            lambda c: c ->> 'type'), ', '),
        '') as conditions_true,
    case when len(list_filter(j.conds, lambda c: (c ->> 'status') = 'True')) = 0
         then 'no true condition'
         else 'conditions: ' || array_to_string(list_transform(
                  list_filter(j.conds, lambda c: (c ->> 'status') = 'True'),
                  lambda c: c ->> 'type'), ', ') end as state,
    j.input_id,
    p.removal,
    case when p.removal then 'critical' else 'warning' end as severity
from jobs as j
cross join (select vkey(target_version) >= [3, 6] as removal from mgscan_params) as p
where not list_bool_or(list_transform(j.conds, lambda c:
          (c ->> 'type') in ('Succeeded', 'Failed') and (c ->> 'status') = 'True'))
   or len(j.conds) = 0
order by j.namespace, j.name
