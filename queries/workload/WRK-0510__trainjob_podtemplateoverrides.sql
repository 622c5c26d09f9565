/*---
id: WRK-0510
title: TrainJobs use podTemplateOverrides, which RHOAI 3.6 replaces with runtimePatches
group: workload
severity: warning
aliases: [workloads.trainer.podtemplateoverrides]
applies_to:
  source: "<3.6"
  target: ">=3.6"
requires: [datascienceclusters, trainjobs]
component_state:
  component: trainer
  states: [Managed]
message: >-
  TrainJob {{ namespace }}/{{ name }} sets {{ overrides }} podTemplateOverrides entr{{ 'y' if overrides == 1 else 'ies' }}.
  In RHOAI 3.6, Trainer v2.3 removes podTemplateOverrides in favour of runtimePatches; pausing and
  resuming this job after the upgrade may fail, including when Kueue manages it.
remediation: |
  Where possible, let TrainJobs that use podTemplateOverrides complete before upgrading. After the
  upgrade, recreate them with runtimePatches. See Red Hat article 7146204.
links:
  - {title: "Red Hat article 7146204", url: "https://access.redhat.com/articles/7146204"}
effort: moderate
---*/
select
    'TrainJob' as kind,
    t.namespace,
    t.name,
    t.file as evidence_file,
    '/spec/podTemplateOverrides' as evidence_pointer,
    null as observed,  -- a list of pod templates: the message counts them, the excerpt shows them
    json_array_length(t.raw -> '/spec/podTemplateOverrides') as overrides,
    t.input_id
from trainjobs as t
where json_type(t.raw -> '/spec/podTemplateOverrides') = 'ARRAY'
  and json_array_length(t.raw -> '/spec/podTemplateOverrides') > 0
order by t.namespace, t.name
