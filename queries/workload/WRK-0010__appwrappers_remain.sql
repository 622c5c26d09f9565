/*---
id: WRK-0010
title: AppWrapper CRs remain while the AppWrapper controller is removed
group: workload
severity: warning
aliases: [workloads.ray.appwrapper-cleanup]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, appwrappers]
component_state:
  component: codeflare
  states: [Managed]
message: >-
  AppWrapper {{ namespace }}/{{ name }} exists; the AppWrapper controller shipped with CodeFlare is
  removed in RHOAI 3.x, so nothing will reconcile it after the upgrade.
remediation: |
  Delete AppWrappers that are no longer needed before upgrading, or install the AppWrapper
  controller separately if you still depend on them.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'AppWrapper' as kind,
    aw.namespace,
    aw.name,
    aw.file as evidence_file,
    '/metadata/name' as evidence_pointer,
    aw.name as observed,
    aw.input_id
from appwrappers as aw
order by aw.namespace, aw.name
