/*---
id: WRK-0200
title: Dashboard-created Notebooks have a primary container not named after the Notebook
group: workload
severity: warning
aliases: [workloads.notebook.container-name-mismatch]
requires: [datascienceclusters, notebooks]
component_state:
  component: workbenches
  states: [Managed, Unmanaged]
message: >-
  Notebook {{ namespace }}/{{ name }} has primary container "{{ observed }}", which differs from
  the Notebook name.
remediation: |
  Rename the primary container in `.spec.template.spec.containers` to the Notebook name.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
-- Only Notebooks created by the dashboard (annotation opendatahub.io/accelerator-name or
-- notebooks.opendatahub.io/last-size-selection non-empty) are checked, as in the vendor check.
-- The primary container is the first one that is not the oauth-proxy sidecar.
with nb as (
    select
        n.namespace, n.name, n.file, n.input_id,
        coalesce(from_json(n.raw -> '/spec/template/spec/containers', '["json"]'), []) as containers
    from notebooks as n
    where coalesce(n.annotations ->> 'opendatahub.io/accelerator-name', '') <> ''
       or coalesce(n.annotations ->> 'notebooks.opendatahub.io/last-size-selection', '') <> ''
),
idx as (
    select
        nb.*,
        list_position(list_transform(nb.containers, lambda c: (c ->> 'name') <> 'oauth-proxy'),
                      true) as pos
    from nb
)
select
    'Notebook' as kind,
    i.namespace,
    i.name,
    i.file as evidence_file,
    '/spec/template/spec/containers/' || (i.pos - 1) || '/name' as evidence_pointer,
    i.containers[i.pos] ->> 'name' as observed,
    i.input_id
from idx as i
where i.pos is not null
  and coalesce(i.containers[i.pos] ->> 'name', '') <> i.name
order by i.namespace, i.name
