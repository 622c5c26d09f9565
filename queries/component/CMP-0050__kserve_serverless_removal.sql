/*---
id: CMP-0050
title: KServe Serverless mode is still enabled
group: component
severity: critical
aliases: [components.kserve.serverless-removal]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters]
component_state:
  component: kserve
  states: [Managed]
message: >-
  DataScienceCluster {{ name }} has kserve.serving.managementState={{ observed }}; KServe
  Serverless mode is removed in RHOAI 3.3 and Serverless models stop answering (HTTP 503).
remediation: |
  Convert every Serverless InferenceService to RawDeployment (annotation
  `serving.kserve.io/deploymentMode: RawDeployment`, or llm-d for distributed LLMs), verify the
  new endpoints, then set `spec.components.kserve.serving.managementState` to `Removed` in the
  DataScienceCluster before upgrading. Afterwards the OpenShift Serverless operator can be
  uninstalled (DEP-0040).
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: high
---*/
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/kserve/serving/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/kserve/serving/managementState' as observed
from datascienceclusters as dsc
where (dsc.raw ->> '/spec/components/kserve/serving/managementState') in ('Managed', 'Unmanaged')
order by dsc.name
