/*---
id: DEP-0010
title: cert-manager Operator for Red Hat OpenShift is not installed
group: dependency
severity: critical
aliases: [dependencies.certmanager.installed]
applies_to:
  target: ">=3.0"
requires: [subscriptions]
message: >-
  No OLM Subscription named {{ observed }} was found: the cert-manager Operator for Red Hat
  OpenShift, required by RHOAI 3.x, is not installed.
remediation: |
  Install the cert-manager Operator for Red Hat OpenShift (package
  `openshift-cert-manager-operator`, channel `stable-v1`) from OperatorHub before migrating.
  The operator is recognised by its Subscription name (`cert-manager` or
  `openshift-cert-manager-operator`); a Subscription with another name is not recognised.
links:
  - {title: "cert-manager Operator for Red Hat OpenShift", url: "https://docs.redhat.com/en/documentation/openshift_container_platform/4.19/html/security_and_compliance/cert-manager-operator-for-red-hat-openshift"}
effort: low
tags: [absence]   # reports something missing: not_evaluated on obfuscated bundles
---*/
with op as (select names from ref_operators where key = 'certmanager')
select
    'Subscription' as kind,
    null as namespace,
    'cert-manager' as name,
    true as absent,
    null as evidence_file,
    null as evidence_pointer,
    array_to_string(op.names, ' or ') as observed
from op
where not exists (
    select 1 from subscriptions s where list_contains(op.names, s.name)
)
order by name
