/*---
id: DEP-0080
title: Service Mesh 3.4 or later on OpenShift older than 4.21.22
group: dependency
severity: critical
aliases: [dependencies.ossm-v3-compatibility.compatibility]
applies_to:
  target: ">=3.0"
requires: [subscriptions, clusterversions]
message: >-
  Subscription {{ namespace }}/{{ name }} installs Service Mesh {{ sm_version }} on OpenShift
  {{ ocp }}; Service Mesh 3.4+ rejects the Istio version RHOAI uses on OpenShift 4.19-4.21 below
  4.21.22, leaving the GatewayConfig NotReady.
remediation: |
  Either update OpenShift to 4.21.22 or later (or 4.22), or keep Service Mesh 3 below 3.4
  (pin the Subscription channel and set `installPlanApproval: Manual`) until OpenShift is
  updated. See Red Hat solution 7145505. This check was added to rhai-cli after 3.3.2
  (`dependencies.ossm-v3-compatibility.compatibility`); mgscan also matches the Subscription
  by package name, not only by metadata.name.
links:
  - {title: "Red Hat solution 7145505", url: "https://access.redhat.com/solutions/7145505"}
effort: moderate
---*/
with op as (select names, packages from ref_operators where key = 'servicemesh3'),
ocp as (
    select coalesce(nullif(raw ->> '/status/desired/version', ''),
                    raw ->> '/status/history/0/version') as v
    from clusterversions where name = 'version'
),
s as (
    select sub.file, sub.namespace, sub.name,
           coalesce(semver(sub.raw ->> '/status/installedCSV'), semver(sub.raw ->> '/spec/startingCSV')) as v,
           case when semver(sub.raw ->> '/status/installedCSV') is not null
                then '/status/installedCSV' else '/spec/startingCSV' end as pointer,
           case when semver(sub.raw ->> '/status/installedCSV') is not null
                then sub.raw ->> '/status/installedCSV' else sub.raw ->> '/spec/startingCSV' end
               as csv
    from subscriptions sub, op
    where list_contains(op.names, sub.name) or list_contains(op.packages, sub.raw ->> '/spec/name')
)
select
    'Subscription' as kind,
    s.namespace,
    s.name,
    s.file as evidence_file,
    s.pointer as evidence_pointer,
    s.csv as observed,
    s.v as sm_version,
    coalesce(semver(ocp.v), 'of unknown version') as ocp
from s
-- like rhai-cli: an OpenShift version that cannot be read counts as not fixed
left join ocp on true
where s.v is not null
  and vkey(s.v) >= vkey('3.4.0')
  and (semver(ocp.v) is null or vkey(semver(ocp.v)) < vkey('4.21.22'))
order by s.namespace, s.name
