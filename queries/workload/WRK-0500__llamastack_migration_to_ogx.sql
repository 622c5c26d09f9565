/*---
id: WRK-0500
title: LlamaStackDistributions must be recreated as OGXServer resources for RHOAI 3.5
group: workload
severity: critical
aliases: [workloads.llamastack.migration]
applies_to:
  source: ">=3.4,<3.5"
  target: ">=3.5,<3.6"
requires: [datascienceclusters, llamastackdistributions]
component_state:
  component: llamastackoperator
  states: [Managed]
message: >-
  LlamaStackDistribution {{ namespace }}/{{ name }} must be migrated: RHOAI 3.5 removes the
  LlamaStackDistribution API and replaces it with OGXServer (v1beta1).
remediation: |
  Back up each distribution before the upgrade (`rhai-cli migrate prepare --migration
  llamastack.backup`), then recreate it as an OGXServer v1beta1 resource after the upgrade,
  following the OGX migration guide.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: high
---*/
select
    'LlamaStackDistribution' as kind,
    l.namespace,
    l.name,
    l.file as evidence_file,
    '/apiVersion' as evidence_pointer,
    l.api_version as observed,
    l.input_id
from llamastackdistributions as l
order by l.namespace, l.name
