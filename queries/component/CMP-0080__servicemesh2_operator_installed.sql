/*---
id: CMP-0080
title: Service Mesh 2 operator is still installed
group: component
severity: warning
aliases: [components.kserve.servicemesh-operator-upgrade]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [subscriptions]
message: >-
  Service Mesh Operator v2 ({{ observed }}, channel {{ channel }}) is installed by Subscription
  {{ namespace }}/{{ name }}; RHOAI 3.3 no longer needs it, OpenShift 4.19+ handles the service
  mesh internally.
remediation: |
  After KServe Serverless is removed (CMP-0050) and the DSCInitialization serviceMesh is set to
  Removed (CMP-0090), delete the ServiceMeshControlPlane and ServiceMeshMemberRolls RHOAI
  created (unless other workloads share them) and uninstall the Red Hat OpenShift Service Mesh 2
  operator. The operator is recognised by the Subscription named `servicemeshoperator` on
  channel `stable` or `v2.x`.
links:
  - {title: "Migrating from Service Mesh 2 to Service Mesh 3", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_service_mesh/3.0/html/migrating_from_service_mesh_2_to_service_mesh_3/ossm-migrating-from-service-mesh-2-to-3"}
effort: moderate
---*/
with op as (select names from ref_operators where key = 'servicemesh2')
select
    'Subscription' as kind,
    s.namespace,
    s.name,
    s.file as evidence_file,
    '/status/installedCSV' as evidence_pointer,
    coalesce(s.raw ->> '/status/installedCSV', '(installedCSV not set)') as observed,
    s.raw ->> '/spec/channel' as channel
from subscriptions s, op
where list_contains(op.names, s.name)
  and (s.raw ->> '/spec/channel') in ('stable', 'v2.x')
order by s.namespace, s.name
