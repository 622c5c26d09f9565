/*---
id: DEP-0030
title: Service Mesh 3 operator version required by the OpenShift ingress operator is not available
group: dependency
severity: critical
aliases: [dependencies.servicemesh.installed]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [packagemanifests, deployments]
message: >-
  {{ reason }}
remediation: |
  The OpenShift ingress operator installs Service Mesh 3 (Gateway API) for RHOAI 3.x, using the
  CSV and channel in its `GATEWAY_API_OPERATOR_VERSION` and `GATEWAY_API_OPERATOR_CHANNEL`
  environment variables. Make that CSV available in that channel of the `redhat-operators`
  catalog in `openshift-marketplace` (mirror it on disconnected clusters) before migrating; see
  the prerequisites of the RHOAI upgrade guide.
  PackageManifests are served by an aggregated API and are not in a must-gather; collect them
  with `oc get packagemanifest servicemeshoperator3 -n openshift-marketplace -o yaml`.
  Later rhai-cli builds (after 3.3.2) pass this check when no `servicemeshoperator3`
  Subscription exists (Gateway API in "noOLM" mode on OpenShift 4.21.22+/4.22) and only warn when
  the ingress-operator Deployment is missing (hosted control planes).
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
with d as (
    select file, namespace, name, raw
    from deployments
    where namespace = 'openshift-ingress-operator' and name = 'ingress-operator'
),
env as (
    select
        max(case when e ->> 'name' = 'GATEWAY_API_OPERATOR_VERSION' then e ->> 'value' end) as csv,
        max(case when e ->> 'name' = 'GATEWAY_API_OPERATOR_CHANNEL' then e ->> 'value' end) as channel
    from (
        select unnest(from_json(c -> 'env', '["json"]')) as e
        from (select unnest(from_json(raw -> '/spec/template/spec/containers', '["json"]')) as c from d)
    )
),
pm as (
    select file, namespace, name, raw
    from packagemanifests
    where namespace = 'openshift-marketplace' and name = 'servicemeshoperator3'
      and (raw ->> '/status/catalogSource') = 'redhat-operators'
    order by name limit 1
),
entries as (
    select ch ->> 'name' as channel, en ->> 'name' as csv
    from (select unnest(from_json(raw -> '/status/channels', '["json"]')) as ch from pm),
         lateral (select unnest(from_json(ch -> 'entries', '["json"]')) as en)
),
verdict as (
    select
        case
            when not exists (select 1 from d)
                then 'The ingress-operator Deployment in openshift-ingress-operator was not found, so the Service Mesh 3 version it needs cannot be determined.'
            when nullif((select csv from env), '') is null or nullif((select channel from env), '') is null
                then 'The ingress-operator Deployment does not set GATEWAY_API_OPERATOR_VERSION and GATEWAY_API_OPERATOR_CHANNEL, so the Service Mesh 3 version it needs cannot be determined.'
            when not exists (select 1 from pm)
                then 'The servicemeshoperator3 PackageManifest from the redhat-operators catalog was not found in openshift-marketplace; Service Mesh 3 ('
                     || (select csv from env) || ') is not available.'
            when not exists (select 1 from entries
                             where channel = (select channel from env) and csv = (select csv from env))
                then 'Service Mesh 3 ' || (select csv from env) || ' is not available in channel '
                     || (select channel from env) || ' of the redhat-operators catalog.'
        end as reason
)
select
    case when t.on_pm then 'PackageManifest' else 'Deployment' end as kind,
    case when t.on_pm then 'openshift-marketplace' else 'openshift-ingress-operator' end as namespace,
    case when t.on_pm then 'servicemeshoperator3' else 'ingress-operator' end as name,
    case when t.on_pm then (select file from pm) else (select file from d) end as evidence_file,
    case when t.on_pm and exists (select 1 from pm) then '/status/channels'
         when not t.on_pm and exists (select 1 from d) then '/spec/template/spec/containers' end
        as evidence_pointer,
    coalesce((select channel from env) || '/' || (select csv from env), '(not set)') as observed,
    verdict.reason
from verdict,
     (select exists (select 1 from d) and nullif((select csv from env), '') is not null
             and nullif((select channel from env), '') is not null as on_pm) as t
where verdict.reason is not null
order by name
