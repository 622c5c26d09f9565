/*---
id: CMP-0540
title: The new dashboard pods fit, but no cluster autoscaler can add capacity
group: component
severity: warning
aliases: [components.dashboard.resource-capacity]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, nodes, deployments, pods, clusterautoscalers]
message: >-
  {{ kind }} {{ namespace }}/{{ name }}: dashboard pods ({{ containers }} container(s), {{ need_text }})
  fit on at least one node, but the cluster has no ClusterAutoscaler, so nothing adds capacity if
  the upgraded pods do not fit next to the running ones.
remediation: |
  Make sure the cluster has nodes with enough free CPU and memory for the dashboard pods during
  the upgrade, or enable the cluster autoscaler with larger instance types.
  A must-gather does not include ClusterAutoscaler objects; add the output of
  `oc adm inspect --dest-dir=rhoai-extra clusterautoscalers.autoscaling.openshift.io` to the
  analysis to evaluate this check.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    f.kind,
    f.namespace,
    f.name,
    f.file as evidence_file,
    f.pointer as evidence_pointer,
    null as observed,  -- summed over the containers (in the message); the excerpt shows them
    f.need_text,
    f.containers,
    f.input_id
from mgscan_dashboard_fit as f
where f.fits
  and not exists (select 1 from clusterautoscalers)
  and exists (select 1 from datascienceclusters)
order by f.name
