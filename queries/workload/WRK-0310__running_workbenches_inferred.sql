/*---
id: WRK-0310
title: Running workbenches inferred from StatefulSets and Pods (Notebooks not collected)
group: workload
severity: warning
severity_reason: >-
  The customer must stop running workbenches before the upgrade, as the vendor's non-stopped-
  workloads check asks (warning there too).
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, statefulsets, pods]
component_state:
  component: workbenches
  states: [Managed, Unmanaged]
message: >-
  Workbench {{ namespace }}/{{ name }} appears to be running ({{ state }}); inferred from its
  {{ source_kind }} because the Notebook CRs were not collected.
remediation: |
  Stop every workbench before upgrading (save work first). This finding is inferred: the Notebook
  CRs were not in the bundle, so the exact check on Notebooks (WRK-0250, vendor
  workloads.notebook.non-stopped-workloads) could not run. Collect them with
  `oc adm inspect -A --dest-dir=rhoai-extra notebooks.kubeflow.org` for an exact result.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
-- Inference for 2.x bundles (bundle-format.md §7.2): the notebook controller creates a StatefulSet
-- named after the Notebook whose Pods carry notebook-name=<name>, and scales it to 0 when the
-- Notebook is stopped. Returns nothing when Notebooks were collected (WRK-0250 speaks then).
with sts as (
    select
        s.namespace,
        coalesce(s.raw ->> '/spec/template/metadata/labels/notebook-name',
                 s.labels ->> 'notebook-name') as notebook,
        s.name, s.file, s.input_id,
        coalesce(try_cast(s.raw ->> '/spec/replicas' as integer), 1) as replicas,
        s.raw ->> '/spec/replicas' as raw_replicas,
        coalesce(try_cast(s.raw ->> '/status/readyReplicas' as integer), 0) as ready
    from statefulsets as s
    where coalesce(s.raw ->> '/spec/template/metadata/labels/notebook-name',
                   s.labels ->> 'notebook-name') is not null
),
from_sts as (
    select
        namespace, notebook as name, file, input_id, 'StatefulSet' as source_kind,
        'StatefulSet ' || name || ' has spec.replicas=' || replicas || ', '
            || ready || ' ready' as state,
        coalesce(raw_replicas, '(not set)') as observed,
        '/spec/replicas' as evidence_pointer
    from sts
    where replicas > 0
),
from_pods as (
    select
        p.namespace, p.labels ->> 'notebook-name' as name, p.file, p.input_id,
        'Pod' as source_kind,
        'Pod ' || p.name || ' is ' || coalesce(p.raw ->> '/status/phase', 'in an unknown phase')
            as state,
        p.raw ->> '/status/phase' as observed,
        '/status/phase' as evidence_pointer,
        row_number() over (partition by p.namespace, p.labels ->> 'notebook-name'
                           order by p.name) as rn
    from pods as p
    where (p.labels ->> 'notebook-name') is not null
      and coalesce(p.raw ->> '/status/phase', '') in ('Running', 'Pending')
      and not exists (select 1 from sts where sts.namespace = p.namespace
                                           and sts.notebook = (p.labels ->> 'notebook-name'))
),
found as (
    select namespace, name, file, input_id, source_kind, state, observed, evidence_pointer
    from from_sts
    union all
    select namespace, name, file, input_id, source_kind, state, observed, evidence_pointer
    from from_pods where rn = 1
)
select
    'Notebook' as kind,
    f.namespace,
    f.name,
    f.file as evidence_file,
    f.evidence_pointer,
    f.observed,
    f.state,
    f.source_kind,
    true as inferred,
    f.input_id
from found as f
where (select count(*) from notebooks) = 0
order by f.namespace, f.name
