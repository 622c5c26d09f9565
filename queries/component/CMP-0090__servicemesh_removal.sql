/*---
id: CMP-0090
title: DSCInitialization still manages Service Mesh
group: component
severity: critical
aliases: [components.kserve.servicemesh-removal]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [dscinitializations]
message: >-
  {{ reason }}
remediation: |
  Set `spec.serviceMesh.managementState` to `Removed` in the DSCInitialization before
  upgrading (after KServe Serverless is removed, CMP-0050). RHOAI 3.3 no longer uses Service
  Mesh 2: OpenShift 4.19+ provides Service Mesh 3 / Gateway API internally. When the field is
  missing, set it explicitly to `Removed`.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'DSCInitialization' as kind,
    null as namespace,
    d.name,
    d.file as evidence_file,
    '/spec/serviceMesh/managementState' as evidence_pointer,
    coalesce(d.raw ->> '/spec/serviceMesh/managementState', '(not set)') as observed,
    case when (d.raw ->> '/spec/serviceMesh/managementState') is null then 'warning' else 'critical' end
        as severity,
    case when (d.raw ->> '/spec/serviceMesh/managementState') is null
         then 'ServiceMesh is not configured in DSCInitialization ' || d.name
              || ' (spec.serviceMesh.managementState missing)'
         else 'DSCInitialization ' || d.name || ' has serviceMesh.managementState='
              || (d.raw ->> '/spec/serviceMesh/managementState')
              || ', but RHOAI 3.3 no longer needs it; OpenShift 4.19+ handles the service mesh internally'
    end as reason,
    false as absent
from dscinitializations d
where (d.raw ->> '/spec/serviceMesh/managementState') is null
   or (d.raw ->> '/spec/serviceMesh/managementState') in ('Managed', 'Unmanaged')
union all
-- like rhai-cli's DSCI checks: no DSCInitialization at all is an advisory finding, not a pass
select 'DSCInitialization', null, '(none)', null, null, '(absent)', 'warning',
       'No DSCInitialization found in the bundle, so spec.serviceMesh.managementState cannot be checked',
       true
where not exists (select 1 from dscinitializations)
order by name
