/*---
id: DEP-0030
title: Service Mesh 3 operator version required by the OpenShift ingress operator is not available
group: dependency
severity: critical
aliases: [dependencies.servicemesh.installed]
vendor_commit: 9e0ec57
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [deployments, subscriptions]
message: >-
  {{ reason }}
remediation: |
  The OpenShift ingress operator installs Service Mesh 3 (Gateway API) for RHOAI 3.x, using the
  CSV and channel in its `GATEWAY_API_OPERATOR_VERSION` and `GATEWAY_API_OPERATOR_CHANNEL`
  environment variables. When a `servicemeshoperator3` Subscription exists, make that CSV
  available in that channel of the `redhat-operators` catalog in `openshift-marketplace` (mirror
  it on disconnected clusters) before migrating; see the prerequisites of the RHOAI upgrade
  guide. Without that Subscription the Cluster Ingress Operator manages Gateway API itself
  ("noOLM" mode) and no catalog entry is needed. A missing ingress-operator Deployment is
  expected on Hosted Control Plane clusters (a warning: ignore it there).
  PackageManifests are served by an aggregated API and are not in a must-gather; they are needed
  only when the Subscription exists: collect them with
  `oc get packagemanifest servicemeshoperator3 -n openshift-marketplace -o yaml`.
  This follows rhai-cli at odh-cli 13c144c (pull request #126).
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
-- noOLM mode: no Subscription named servicemeshoperator3 (the vendor matches metadata.name)
olm as (select exists (select 1 from subscriptions where name = 'servicemeshoperator3') as sub),
pm_collected as (
    select coalesce((select status <> 'not_collected' from mgscan_coverage
                     where kind = 'packagemanifests'), false) as ok
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
-- evidence: the env of the Deployment's container that sets (or should set) the variables, and
-- the catalog channel the variables name (its current CSV is what the catalog offers)
container as (
    select min(i) - 1 as idx
    from (select unnest(from_json(raw -> '/spec/template/spec/containers', '["json"]')) as c,
                 generate_subscripts(from_json(raw -> '/spec/template/spec/containers', '["json"]'), 1) as i
          from d)
    where (c ->> 'name') = 'ingress-operator'
       or list_contains(list_transform(coalesce(from_json(c -> 'env', '["json"]'), []),
                                       lambda e: e ->> 'name'), 'GATEWAY_API_OPERATOR_VERSION')
),
pm_channel as (
    select min(i) - 1 as idx, arg_min(ch ->> 'currentCSV', i) as current_csv
    from (select unnest(from_json(raw -> '/status/channels', '["json"]')) as ch,
                 generate_subscripts(from_json(raw -> '/status/channels', '["json"]'), 1) as i
          from pm)
    where (ch ->> 'name') = (select channel from env)
),
verdict as (
    select
        case
            when not exists (select 1 from d) then 'warning'
            else 'critical'
        end as severity,
        case
            when not exists (select 1 from d)
                then 'The ingress-operator Deployment was not found in openshift-ingress-operator, so the Service Mesh 3 version it needs cannot be determined (expected on Hosted Control Plane clusters).'
            when not (select sub from olm)
                then null  -- noOLM: Gateway API is managed by the Cluster Ingress Operator
            when nullif((select csv from env), '') is null or nullif((select channel from env), '') is null
                then 'The ingress-operator Deployment does not set GATEWAY_API_OPERATOR_VERSION and GATEWAY_API_OPERATOR_CHANNEL, so the Service Mesh 3 version it needs cannot be determined.'
            when not (select ok from pm_collected)
                then null  -- decided below: the PackageManifest was not collected
            when not exists (select 1 from pm)
                then 'The servicemeshoperator3 PackageManifest from the redhat-operators catalog was not found in openshift-marketplace; Service Mesh 3 ('
                     || (select csv from env) || ') is not available.'
            when not exists (select 1 from entries
                             where channel = (select channel from env) and csv = (select csv from env))
                then 'Service Mesh 3 ' || (select csv from env) || ' is not available in channel '
                     || (select channel from env) || ' of the redhat-operators catalog.'
        end as reason,
        -- the Subscription exists and the catalog must be read, but it is not in the bundle
        exists (select 1 from d) and (select sub from olm)
            and nullif((select csv from env), '') is not null
            and nullif((select channel from env), '') is not null
            and not (select ok from pm_collected) as lacks_pm
)
select
    case when t.on_pm then 'PackageManifest' else 'Deployment' end as kind,
    case when t.on_pm then 'openshift-marketplace' else 'openshift-ingress-operator' end as namespace,
    case when t.on_pm then 'servicemeshoperator3' else 'ingress-operator' end as name,
    case when t.on_pm then (select file from pm) else (select file from d) end as evidence_file,
    case when t.on_pm and exists (select 1 from pm)
             then coalesce('/status/channels/' || (select idx from pm_channel)::varchar || '/currentCSV',
                           '/status/channels')
         when not t.on_pm and exists (select 1 from d)
             then '/spec/template/spec/containers'
                  || coalesce('/' || (select idx from container)::varchar || '/env', '') end
        as evidence_pointer,
    -- the channel's current CSV; the CSV looked for when the PackageManifest is missing; nothing
    -- for a list that lacks what was looked for (the excerpt shows it)
    case when t.on_pm and exists (select 1 from pm) then (select current_csv from pm_channel)
         when t.on_pm then (select channel from env) || '/' || (select csv from env) end as observed,
    case when t.on_pm then not exists (select 1 from pm) else not exists (select 1 from d) end
        as absent,
    verdict.severity,
    verdict.reason,
    case when verdict.lacks_pm then 'packagemanifests' end as not_collected
from verdict,
     (select exists (select 1 from d) and nullif((select csv from env), '') is not null
             and nullif((select channel from env), '') is not null as on_pm) as t
where verdict.reason is not null or verdict.lacks_pm
order by name
