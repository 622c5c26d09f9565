/*---
id: CMP-0120
title: ModelMesh Serving is enabled but is removed in RHOAI 3.x
group: component
severity: critical
aliases: [components.modelmesh.removal]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters]
component_state:
  component: modelmeshserving
  states: [Managed]
message: >-
  DataScienceCluster {{ name }} has modelmeshserving.managementState={{ observed }}; ModelMesh Serving is removed in RHOAI 3.3 and its models stop answering (HTTP 503).
remediation: |
  Convert every ModelMesh InferenceService to a KServe RawDeployment (single-model) deployment,
  verify the new endpoints, then set `spec.components.modelmeshserving.managementState` to
  `Removed` in the DataScienceCluster before upgrading.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: high
---*/
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/modelmeshserving/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/modelmeshserving/managementState' as observed
from datascienceclusters as dsc
order by dsc.name
