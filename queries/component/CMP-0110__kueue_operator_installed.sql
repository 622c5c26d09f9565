/*---
id: CMP-0110
title: Red Hat build of Kueue operator does not match the Kueue management state
group: component
severity: prohibited
aliases: [components.kueue.operator-installed]
vendor_commit: c31744f
requires: [datascienceclusters, subscriptions]
component_state:
  component: kueue
  states: [Managed, Unmanaged]
message: >-
  {% if observed == 'Managed' %}DataScienceCluster {{ name }} has kueue.managementState=Managed:
  migration to the Red Hat build of Kueue operator is required before upgrading.{% else %}The Red
  Hat build of Kueue operator is not installed (no Subscription named kueue-operator) but
  DataScienceCluster {{ name }} has kueue.managementState=Unmanaged: the Red Hat build of Kueue
  operator is required.{% endif %}
remediation: |
  - Kueue Managed (prohibited): migrate to the Red Hat build of Kueue operator following the
    RHOAI 2.25 document "Migrating to the Red Hat build of Kueue operator" before upgrading.
  - Kueue Unmanaged (critical when the operator is missing): RHOAI expects the Red Hat build of
    Kueue operator to run Kueue. Install it (Subscription `kueue-operator`, channel
    `stable-v1.2`), or set Kueue to Removed if no workload uses it.
  The check applies to every upgrade (no version gate), as in rhai-cli, which registers it again
  from odh-cli 13c144c (pull request #133) after leaving it out of the 3.3.2 build.
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
    dsc.raw ->> '/spec/components/kueue/managementState' as observed,
    case when (dsc.raw ->> '/spec/components/kueue/managementState') = 'Managed'
         then 'prohibited' else 'critical' end as severity
from datascienceclusters dsc, op
where (dsc.raw ->> '/spec/components/kueue/managementState') = 'Managed'
   or ((dsc.raw ->> '/spec/components/kueue/managementState') = 'Unmanaged'
       and not exists (select 1 from subscriptions s where list_contains(op.names, s.name)))
order by dsc.name
