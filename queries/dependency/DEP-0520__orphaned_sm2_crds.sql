/*---
id: DEP-0520
title: Service Mesh v2 left istio.io CRDs behind that block the Data Science Gateway
group: dependency
severity: critical
aliases: [dependencies.orphaned-sm2-crds.readiness]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [crds, subscriptions]
message: >-
  {% if unverified %}The bundle holds no CustomResourceDefinition labelled maistra-version although {{ why }}, so leftover Service Mesh v2 istio.io CRDs could not be ruled out.
  {% elif instances %}CRD {{ name }} is left over from Service Mesh v2 (no Service Mesh v2 Subscription remains) and still has {{ instances }} custom resource(s); orphaned istio.io CRDs block the Data Science Gateway after the upgrade.
  {% else %}CRD {{ name }} is left over from Service Mesh v2 (no Service Mesh v2 Subscription remains); orphaned istio.io CRDs block the Data Science Gateway after the upgrade.{% endif %}
remediation: |
  Before upgrading, review and remove any remaining custom resources of these CRDs, then delete
  the orphaned CRDs: `oc get crd -l maistra-version -o name | grep '.istio.io' | xargs oc delete crd`.
  A must-gather does not normally include these CRDs; add the output of
  `oc get crd -l maistra-version -o yaml` to evaluate this check fully.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
with sm2 as (
    -- like rhai-cli: any Subscription whose name mentions servicemesh, other than Service Mesh 3
    select 1 from subscriptions
    where name like '%servicemesh%' and name not like '%servicemeshoperator3%'
),
orphan as (
    select c.name, c.file, c.input_id, c.labels ->> 'maistra-version' as maistra_version,
           c.raw ->> '/spec/group' as grp,
           c.raw ->> '/spec/names/kind' as crd_kind
    from crds as c
    where (c.labels ->> 'maistra-version') is not null and c.name like '%.istio.io'
      and not exists (select 1 from sm2)
),
-- evidence that Service Mesh v2 was used, for the "could not rule out" row (unverified, never a finding)
used as (
    select 'the DSCInitialization sets serviceMesh.managementState to '
               || (d.raw ->> '/spec/serviceMesh/managementState') as why,
           'DSCInitialization' as kind, d.namespace, d.name,
           d.file, d.input_id, '/spec/serviceMesh/managementState' as pointer,
           d.raw ->> '/spec/serviceMesh/managementState' as value
    from dscinitializations as d
    where (d.raw ->> '/spec/serviceMesh/managementState') in ('Managed', 'Unmanaged')
    union all
    select 'ServiceMeshControlPlane ' || s.namespace || '/' || s.name || ' exists',
           'ServiceMeshControlPlane', s.namespace, s.name,
           s.file, s.input_id, '/metadata/name', s.name
    from servicemeshcontrolplanes as s
)
select
    'CustomResourceDefinition' as kind,
    null as namespace,
    o.name,
    o.file as evidence_file,
    '/metadata/labels/maistra-version' as evidence_pointer,
    o.maistra_version as observed,
    null as why,
    (select count(*) from resources as r where r."group" = o.grp and r.kind = o.crd_kind) as instances,
    false as unverified,
    'critical' as severity,
    o.input_id,
    null as missing,
    null as collect
from orphan as o
union all
-- the CRDs were not collected: an unverified row (never a finding) naming the object that shows
-- Service Mesh v2 in use; the rule is not evaluated, with the command that collects the CRDs
select u.kind, u.namespace, u.name, u.file, u.pointer, u.value, u.why, 0, true, null,
       u.input_id, 'crds', 'oc get crd -l maistra-version -o yaml'
from (select * from used order by why limit 1) as u
where not exists (select 1 from crds as c where (c.labels ->> 'maistra-version') is not null)
  and not exists (select 1 from sm2)
order by name
