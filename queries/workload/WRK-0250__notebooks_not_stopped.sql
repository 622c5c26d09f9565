/*---
id: WRK-0250
title: Notebooks are not stopped
group: workload
severity: warning
aliases: [workloads.notebook.non-stopped-workloads]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, notebooks]
component_state:
  component: workbenches
  states: [Managed, Unmanaged]
message: >-
  Notebook {{ namespace }}/{{ name }} is not stopped ({{ state }}); {{ advice }}.
remediation: |
  Ask users to save their work, then stop every workbench (dashboard "Stop", or annotate the
  Notebook with `kubeflow-resource-stopped`) before upgrading. Waiting Notebooks should be stopped
  or deleted.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'Notebook' as kind,
    n.namespace,
    n.name,
    n.file as evidence_file,
    case when (n.raw -> '/status/containerState/running') is not null
             then '/status/containerState/running/startedAt'
         when (n.raw -> '/status/containerState/waiting') is not null
             then '/status/containerState/waiting/reason'
         else '/metadata/annotations/kubeflow-resource-stopped' end as evidence_pointer,
    case when (n.raw -> '/status/containerState/running') is not null
             then coalesce(n.raw ->> '/status/containerState/running/startedAt', '(not set)')
         when (n.raw -> '/status/containerState/waiting') is not null
             then coalesce(n.raw ->> '/status/containerState/waiting/reason', '(not set)')
         else '(not set)' end as observed,
    case when (n.raw -> '/status/containerState/running') is not null then 'running'
         when (n.raw -> '/status/containerState/waiting') is not null
             then 'waiting: ' || coalesce(n.raw ->> '/status/containerState/waiting/reason', 'no reason')
         else 'no kubeflow-resource-stopped annotation' end as state,
    case when (n.raw -> '/status/containerState/running') is not null
             then 'stop it before upgrading'
         when (n.raw -> '/status/containerState/waiting') is not null
             then 'stop or delete it before upgrading'
         else 'stop it before upgrading' end as advice,
    n.input_id
from notebooks as n
where (n.annotations -> 'kubeflow-resource-stopped') is null
order by n.namespace, n.name
