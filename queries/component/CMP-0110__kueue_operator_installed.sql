/*---
id: CMP-0110
title: Kueue is Unmanaged but the Red Hat build of Kueue operator is not installed
group: component
severity: critical
aliases: [components.kueue.operator-installed]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, subscriptions]
component_state:
  component: kueue
  states: [Unmanaged]
message: >-
  DataScienceCluster {{ name }} has kueue.managementState={{ observed }}, but no Subscription
  named kueue-operator (Red Hat build of Kueue) exists.
remediation: |
  With Kueue Unmanaged, RHOAI expects the Red Hat build of Kueue operator to run Kueue. Install
  it (Subscription `kueue-operator`, channel `stable-v1.2`) following the RHOAI 2.25 document
  "Migrating to the Red Hat build of Kueue operator", or set Kueue to Removed if no workload uses
  it.
  Note: rhai-cli implements this check but does not register it at 3.3.2 (it was re-enabled in
  August 2026). mgscan models only its Unmanaged branch; the Managed branch (prohibited) is
  covered by CMP-0100 with the 3.3.2 severities.
links:
  - {title: "Migrating to the Red Hat build of Kueue operator (RHOAI 2.25)", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/2.25/html/managing_workloads_with_kueue/migrating-to-the-rhbok-operator_kueue"}
effort: moderate
---*/
with op as (select names from ref_operators where key = 'kueue')
select
    'DataScienceCluster' as kind,
    null as namespace,
    dsc.name,
    dsc.file as evidence_file,
    '/spec/components/kueue/managementState' as evidence_pointer,
    dsc.raw ->> '/spec/components/kueue/managementState' as observed
from datascienceclusters dsc, op
where (dsc.raw ->> '/spec/components/kueue/managementState') = 'Unmanaged'
  and not exists (select 1 from subscriptions s where list_contains(op.names, s.name))
order by dsc.name
