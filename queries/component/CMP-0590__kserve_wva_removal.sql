/*---
id: CMP-0590
title: The Workload Variant Autoscaler is still enabled or installed before RHOAI 3.6
group: component
severity: critical
aliases: [components.kserve.wva-removal]
applies_to:
  source: "<3.6"
  target: ">=3.6"
requires: [datascienceclusters, deployments, configmaps]
message: >-
  {% if absent %}No DataScienceCluster found in the bundle, so the Workload Variant Autoscaler check cannot run.
  {% else %}{{ kind }} {{ namespace ~ '/' if namespace else '' }}{{ name }}: {{ detail }}{% endif %}
remediation: |
  Set `spec.components.kserve.wva.managementState` to `Removed` in the DataScienceCluster, delete
  leftover VariantAutoscaling resources and the `workload-variant-autoscaler-controller-manager`
  Deployment before upgrading to 3.6. A leftover `variantautoscalings.llmd.ai` CRD and the
  `autoscaling-wva-controller-config` entry of `inferenceservice-config` are cleaned up during the
  upgrade.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
select
    'DataScienceCluster' as kind, null as namespace, dsc.name, dsc.file as evidence_file,
    '/spec/components/kserve/wva/managementState' as evidence_pointer,
    'Managed' as observed,
    'the Workload Variant Autoscaler is still Managed; it must be Removed before upgrading to RHOAI 3.6.' as detail,
    'critical' as severity, false as absent, dsc.input_id
from datascienceclusters as dsc
-- row, not gate: rhai-cli reads wva.managementState inside Validate (kserve/wva_removal.go L114-120 at 0554296)
where (dsc.raw ->> '/spec/components/kserve/wva/managementState') = 'Managed'
union all
select 'Deployment', d.namespace, d.name, d.file, '/metadata/name', d.name,
       'the Workload Variant Autoscaler controller is still deployed and blocks the RHOAI 3.6 upgrade.',
       'critical', false, d.input_id
from deployments as d, mgscan_params as p
where d.namespace = p.app_namespace and d.name = 'workload-variant-autoscaler-controller-manager'
  and exists (select 1 from datascienceclusters)
union all
select 'CustomResourceDefinition', null, c.name, c.file, '/metadata/name', c.name,
       'the VariantAutoscaling CRD is still installed; the upgrade removes it.',
       'warning', false, c.input_id
from crds as c
where c.name = 'variantautoscalings.llmd.ai'
  and not exists (select 1 from variantautoscalings)
  and exists (select 1 from datascienceclusters)
union all
select 'ConfigMap', cm.namespace, cm.name, cm.file, '/data/autoscaling-wva-controller-config',
       cm.raw ->> '/data/autoscaling-wva-controller-config',
       'still holds the autoscaling-wva-controller-config entry; the upgrade removes it.',
       'warning', false, cm.input_id
from configmaps as cm, mgscan_params as p
where cm.namespace = p.app_namespace and cm.name = 'inferenceservice-config'
  and (cm.raw -> '/data/autoscaling-wva-controller-config') is not null
  and exists (select 1 from datascienceclusters)
union all by name
-- like rhai-cli's component checks: no DSC at all is an advisory finding, not a pass
select * from mgscan_no_dsc
order by kind, namespace, name
