/*---
id: CMP-0600
title: VariantAutoscaling resources remain before RHOAI 3.6
group: component
severity: critical
aliases: [components.kserve.wva-removal]
applies_to:
  source: "<3.6"
  target: ">=3.6"
requires: [variantautoscalings]
message: >-
  VariantAutoscaling {{ namespace }}/{{ name }} still exists; the Workload Variant Autoscaler is
  removed in RHOAI 3.6 and its resources block the upgrade.
remediation: |
  Delete every VariantAutoscaling resource (`oc get variantautoscalings.llmd.ai -A`) and set
  `spec.components.kserve.wva.managementState` to `Removed` before upgrading to 3.6.
  A must-gather does not include VariantAutoscaling resources; add the output of
  `oc adm inspect -A --dest-dir=rhoai-extra variantautoscalings.llmd.ai` to evaluate this check.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
select
    'VariantAutoscaling' as kind,
    v.namespace,
    v.name,
    v.file as evidence_file,
    '/metadata/name' as evidence_pointer,
    v.name as observed,
    v.input_id
from variantautoscalings as v
order by v.namespace, v.name
