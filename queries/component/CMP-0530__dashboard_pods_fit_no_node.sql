/*---
id: CMP-0530
title: No node has room for the new dashboard pods
group: component
severity: critical
aliases: [components.dashboard.resource-capacity]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, nodes, deployments, pods]
message: >-
  {% if absent %}No DataScienceCluster found in the bundle, so the dashboard capacity check cannot run.
  {% else %}{{ kind }} {{ namespace }}/{{ name }}: a dashboard pod requests {{ need_cpu }} CPU and {{ need_memory }} memory, but no node has that much allocatable (the largest node offers {{ node_cpu }} CPU and {{ node_memory }} memory), so the upgraded dashboard pods cannot be scheduled.{% endif %}
remediation: |
  Add nodes with at least the requested CPU and memory allocatable, or enable the cluster
  autoscaler with a machine pool of larger instance types, before upgrading. Reducing the
  dashboard's resource requests is the other option.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
select
    f.kind,
    f.namespace,
    f.name,
    f.file as evidence_file,
    f.pointer as evidence_pointer,
    -- the requests are summed over the pod's containers (the message gives the sum): no single
    -- field holds them, the excerpt shows the pod spec
    null as observed,
    k8s_cpu_text(f.cpu) as need_cpu,
    k8s_memory_text(f.mem) as need_memory,
    k8s_cpu_text(f.node_cpu) as node_cpu,
    k8s_memory_text(f.node_mem) as node_memory,
    false as absent,
    'critical' as severity,
    f.input_id
from mgscan_dashboard_fit as f
where not f.fits and exists (select 1 from datascienceclusters)
union all by name
-- like rhai-cli's component checks: no DSC at all is an advisory finding, not a pass
select * from mgscan_no_dsc
order by name
