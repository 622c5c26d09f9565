/*---
id: WRK-0540
title: OGXServers expose external access without a hostname and TLS Secret
group: workload
severity: warning
aliases: [workloads.ogx.externalaccess-tls]
applies_to:
  source: "<3.6"
  target: ">=3.6"
requires: [datascienceclusters, ogxservers]
component_state:
  component: ogx
  states: [Managed]
message: >-
  OGXServer {{ namespace }}/{{ name }} enables external access but lacks {{ lacking }}; RHOAI 3.6
  requires both a hostname and a TLS Secret when external access is enabled and rejects changes
  to this OGXServer until both are set.
remediation: |
  After upgrading, set `spec.network.externalAccess.hostname` and
  `spec.network.externalAccess.tls.secretName` on each listed OGXServer; the Secret must be a TLS
  Secret for that hostname in the OGXServer's namespace. The 3.5 API has no TLS field, so this
  cannot be fixed before the upgrade. If an OGXServer does not need external access, set
  `spec.network.externalAccess.enabled` to false before upgrading instead.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
with o as (
    select s.namespace, s.name, s.file, s.input_id,
           coalesce(s.raw ->> '/spec/network/externalAccess/hostname', '') as hostname,
           coalesce(s.raw ->> '/spec/network/externalAccess/tls/secretName', '') as secret,
           s.raw ->> '/spec/network/externalAccess/hostname' as raw_hostname,
           s.raw ->> '/spec/network/externalAccess/tls/secretName' as raw_secret
    from ogxservers as s
    where (s.raw -> '/spec/network/externalAccess/enabled') = 'true'::json
)
select
    'OGXServer' as kind,
    o.namespace,
    o.name,
    o.file as evidence_file,
    case when o.hostname = '' then '/spec/network/externalAccess/hostname'
         else '/spec/network/externalAccess/tls/secretName' end as evidence_pointer,
    case when o.hostname = '' then coalesce(o.raw_hostname, '(not set)')
         else coalesce(o.raw_secret, '(not set)') end as observed,
    case when o.hostname = '' and o.secret = '' then 'a hostname and a TLS Secret'
         when o.hostname = '' then 'a hostname' else 'a TLS Secret' end as lacking,
    o.input_id
from o
where o.hostname = '' or o.secret = ''
order by o.namespace, o.name
