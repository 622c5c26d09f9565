/*---
id: WRK-0090
title: InferenceServices carry the legacy hardware-profile annotation
group: workload
severity: warning
aliases: [workloads.kserve.hardwareprofile-migration]
requires: [datascienceclusters, inferenceservices]
component_state:
  component: kserve
  states: [Managed]
message: >-
  InferenceService {{ namespace }}/{{ name }} carries opendatahub.io/legacy-hardware-profile-name
  ({{ observed }}) and may need attention.
remediation: |
  Move the InferenceService to a current `infrastructure.opendatahub.io` HardwareProfile and drop
  the `opendatahub.io/legacy-hardware-profile-name` annotation.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'InferenceService' as kind,
    i.namespace,
    i.name,
    i.file as evidence_file,
    '/metadata/annotations/opendatahub.io~1legacy-hardware-profile-name' as evidence_pointer,
    i.annotations ->> 'opendatahub.io/legacy-hardware-profile-name' as observed,
    i.input_id
from inferenceservices as i
where coalesce(i.annotations ->> 'opendatahub.io/legacy-hardware-profile-name', '') <> ''
order by i.namespace, i.name
