/*---
id: DEP-0060
title: Bare-metal cluster without the MetalLB operator
group: dependency
severity: warning
severity_reason: >-
  The customer must install MetalLB (or provide another LoadBalancer) before 3.x Gateway traffic
  can reach the cluster from outside; on bare metal nothing else provides it.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [subscriptions, infrastructures]
message: >-
  Infrastructure {{ name }} reports platform {{ observed }} and no MetalLB operator Subscription
  exists; the RHOAI 3.x Gateway may get no external address.
remediation: |
  RHOAI 3.x exposes its endpoints through a Gateway API Gateway whose Service is of type
  LoadBalancer. On bare metal (platform BareMetal or None) nothing provides load-balancer
  addresses unless MetalLB (or another load-balancer implementation) is installed. Install the
  MetalLB operator and configure an address pool before migrating, or confirm that another
  load-balancer solution is in place.
links:
  - {title: "About MetalLB and the MetalLB Operator", url: "https://docs.redhat.com/en/documentation/openshift_container_platform/4.19/html/ingress_and_load_balancing/load-balancing-with-metallb"}
effort: moderate
tags: [absence]   # reports something missing: not_evaluated on obfuscated bundles
---*/
with op as (select names, packages from ref_operators where key = 'metallb'),
infra as (
    select file, name,
           coalesce(raw ->> '/status/platformStatus/type', raw ->> '/status/platform') as platform,
           case when (raw ->> '/status/platformStatus/type') is not null
                then '/status/platformStatus/type' else '/status/platform' end as pointer
    from infrastructures
    where name = 'cluster'
)
select
    'Infrastructure' as kind,
    null as namespace,
    infra.name,
    infra.file as evidence_file,
    infra.pointer as evidence_pointer,
    infra.platform as observed
from infra, op
where infra.platform in ('BareMetal', 'None')
  and not exists (
      select 1 from subscriptions s
      where list_contains(op.names, s.name) or list_contains(op.packages, s.raw ->> '/spec/name'))
order by infra.name
