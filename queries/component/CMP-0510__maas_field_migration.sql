/*---
id: CMP-0510
title: Models as a Service is still configured through the deprecated KServe field
group: component
severity: warning
aliases: [components.aigateway.maas-field-migration]
applies_to:
  source: ">=3.4,<3.5"
  target: ">=3.5,<3.6"
requires: [datascienceclusters]
component_state:
  component: kserve.modelsAsService
  states: [Managed, Unmanaged]
message: >-
  DataScienceCluster {{ name }} enables Models as a Service through the deprecated kserve.modelsAsService field (managementState={{ observed }}); in RHOAI 3.5 it is configured under aigateway.modelsAsAService.
remediation: |
  In the DataScienceCluster set `spec.components.aigateway.managementState: Managed` and
  `spec.components.aigateway.modelsAsAService.managementState: Managed`, then set
  `spec.components.kserve.modelsAsService.managementState: Removed` to clear the deprecated field.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/kserve/modelsAsService/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/kserve/modelsAsService/managementState' as observed,
    'warning' as severity
from datascienceclusters as dsc
order by name
