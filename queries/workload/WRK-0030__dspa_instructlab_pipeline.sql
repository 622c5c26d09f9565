/*---
id: WRK-0030
title: DataSciencePipelinesApplications still enable the removed InstructLab pipeline
group: workload
severity: warning
aliases: [workloads.datasciencepipelines.instructlab-removal]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, dspas]
component_state:
  component: datasciencepipelines
  states: [Managed]
message: >-
  DataSciencePipelinesApplication {{ namespace }}/{{ name }} sets the deprecated
  .spec.apiServer.managedPipelines.instructLab ({{ observed }}); InstructLab is removed in RHOAI 3.x.
remediation: |
  Remove `.spec.apiServer.managedPipelines.instructLab` from each listed
  DataSciencePipelinesApplication before upgrading.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'DataSciencePipelinesApplication' as kind,
    d.namespace,
    d.name,
    d.file as evidence_file,
    '/spec/apiServer/managedPipelines/instructLab' as evidence_pointer,
    cast(d.raw -> '/spec/apiServer/managedPipelines/instructLab' as varchar) as observed,
    d.input_id
from dspas as d
where (d.raw -> '/spec/apiServer/managedPipelines/instructLab') is not null
order by d.namespace, d.name
