/*---
id: WRK-0530
title: TrainJobs set numProcPerNode as a string, which stops the Trainer in RHOAI 3.6
group: workload
severity: critical
aliases: [workloads.trainer.numprocpernode]
applies_to:
  source: "<3.6"
  target: ">=3.6"
requires: [datascienceclusters, trainjobs]
component_state:
  component: trainer
  states: [Managed]
message: >-
  TrainJob {{ namespace }}/{{ name }} sets spec.trainer.numProcPerNode to the string "{{ observed }}";
  Trainer 2.2 in RHOAI 3.6 no longer accepts a string there, and the Trainer controller will not
  start after the upgrade while this TrainJob exists.
remediation: |
  Consult the owner, then delete each listed TrainJob before upgrading (the field cannot be
  changed). After the upgrade, recreate it if needed, leaving numProcPerNode unset (the same as
  `auto`) or setting a number.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
select
    'TrainJob' as kind,
    t.namespace,
    t.name,
    t.file as evidence_file,
    '/spec/trainer/numProcPerNode' as evidence_pointer,
    t.raw ->> '/spec/trainer/numProcPerNode' as observed,
    t.input_id
from trainjobs as t
where json_type(t.raw -> '/spec/trainer/numProcPerNode') = 'VARCHAR'
order by t.namespace, t.name
