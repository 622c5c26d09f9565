/*---
id: CMP-0140
title: Kueue is still Managed by RHOAI
group: component
severity: info
severity_reason: >-
  A checklist item: it says the customer still has to set Kueue to Removed (or migrate to the
  Red Hat build of Kueue) before the migration. CMP-0100 judges how serious that is; this rule
  only records that the step is open, also when Kueue is not in use.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters]
message: >-
  DataScienceCluster {{ name }} has Kueue managementState {{ observed }}: still to do before the
  migration, set it to Removed, or migrate to the Red Hat build of Kueue (Unmanaged).
remediation: |
  Set `spec.components.kueue.managementState` to `Removed`, or, when workloads use Kueue,
  migrate to the Red Hat build of Kueue operator (which leaves Kueue `Unmanaged`) following the
  RHOAI 2.25 document "Migrating to the Red Hat build of Kueue operator". CMP-0100 gives the
  severity of leaving it Managed (prohibited when Kueue is in use).
links:
  - {title: "Migrating to the Red Hat build of Kueue operator (RHOAI 2.25)", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/2.25/html/managing_workloads_with_kueue/migrating-to-the-rhbok-operator_kueue"}
effort: low
---*/
-- The checklist item "Kueue managementState Removed (or Unmanaged)": unlike CMP-0100 it has no
-- component gate, so it passes (the item is done) when Kueue is Removed or absent from the spec.
select
    'DataScienceCluster' as kind,
    null as namespace,
    d.name,
    d.file as evidence_file,
    '/spec/components/kueue/managementState' as evidence_pointer,
    d.raw ->> '/spec/components/kueue/managementState' as observed,
    d.input_id
from datascienceclusters as d
where (d.raw ->> '/spec/components/kueue/managementState') = 'Managed'
order by d.name
