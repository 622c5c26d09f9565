/*---
id: CMP-0010
title: CodeFlare is enabled but is removed in RHOAI 3.x
group: component
severity: critical
aliases: [components.ray.codeflare-removal]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters]
component_state:
  component: codeflare
  states: [Managed]
message: >-
  DataScienceCluster {{ name }} has codeflare.managementState={{ observed }}; the CodeFlare operator is removed in RHOAI 3.3.
remediation: |
  Set `spec.components.codeflare.managementState` to `Removed` in the DataScienceCluster before
  upgrading. Ray keeps working through the standalone KubeRay operator; run the vendor's
  RayCluster backup/migration steps for CodeFlare-managed RayClusters first (see the Ray
  workload rules), and not too early, since removing CodeFlare drops its OAuth protection.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/codeflare/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/codeflare/managementState' as observed
from datascienceclusters as dsc
order by dsc.name
