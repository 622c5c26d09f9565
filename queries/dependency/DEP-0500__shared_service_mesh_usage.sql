/*---
id: DEP-0500
title: Service Mesh v2 resources outside the RHOAI namespaces may be shared with other workloads
group: dependency
severity: warning
aliases: [dependencies.shared-ossm.shared-usage]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [servicemeshcontrolplanes, servicemeshmemberrolls, servicemeshmembers]
message: >-
  {{ kind }} {{ namespace }}/{{ name }} lives outside the namespaces RHOAI manages; workloads that
  are not part of OpenShift AI may share this Service Mesh v2 installation and be affected by the
  move to RHOAI 3.x, which no longer uses Service Mesh v2.
remediation: |
  Review each listed Service Mesh resource with its owners before the migration. RHOAI 3.x no
  longer needs Service Mesh v2: do not remove the Service Mesh v2 operator or these resources
  while other applications still depend on them. A full list needs the Service Mesh resources of
  every namespace, which a must-gather collects only where RHOAI workloads live.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
-- like rhai-cli: RHOAI-managed = istio-system, openshift-operators and the DSCI applications and
-- monitoring namespaces (only the well-known two when there is no DSCI)
with managed as (
    select unnest(['istio-system', 'openshift-operators']) as ns
    union all
    select raw ->> '/spec/applicationsNamespace' from dscinitializations
    union all
    select raw ->> '/spec/monitoring/namespace' from dscinitializations
),
mesh as (
    select 'ServiceMeshControlPlane' as kind, namespace, name, file, input_id, api_version
    from servicemeshcontrolplanes
    union all
    select 'ServiceMeshMemberRoll', namespace, name, file, input_id, api_version
    from servicemeshmemberrolls
    union all
    select 'ServiceMeshMember', namespace, name, file, input_id, api_version
    from servicemeshmembers
)
select
    m.kind,
    m.namespace,
    m.name,
    m.file as evidence_file,
    '/metadata/namespace' as evidence_pointer,
    m.namespace as observed,
    m.input_id
from mesh as m
where m.namespace not in (select ns from managed where ns is not null and ns <> '')
order by m.kind, m.namespace, m.name
