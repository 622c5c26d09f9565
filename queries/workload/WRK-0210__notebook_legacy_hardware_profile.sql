/*---
id: WRK-0210
title: Notebooks carry the legacy hardware-profile annotation
group: workload
severity: warning
aliases: [workloads.notebook.hardwareprofile-migration]
requires: [datascienceclusters, notebooks]
component_state:
  component: workbenches
  states: [Managed, Unmanaged]
message: >-
  Notebook {{ namespace }}/{{ name }} carries opendatahub.io/legacy-hardware-profile-name
  ({{ observed }}) and may need attention.
remediation: |
  Move the Notebook to a current `infrastructure.opendatahub.io` HardwareProfile and remove the
  `opendatahub.io/legacy-hardware-profile-name` annotation.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'Notebook' as kind,
    n.namespace,
    n.name,
    n.file as evidence_file,
    '/metadata/annotations/opendatahub.io~1legacy-hardware-profile-name' as evidence_pointer,
    n.annotations ->> 'opendatahub.io/legacy-hardware-profile-name' as observed,
    n.input_id
from notebooks as n
where coalesce(n.annotations ->> 'opendatahub.io/legacy-hardware-profile-name', '') <> ''
order by n.namespace, n.name
