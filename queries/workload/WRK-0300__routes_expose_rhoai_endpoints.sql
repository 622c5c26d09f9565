/*---
id: WRK-0300
title: OpenShift Routes expose RHOAI endpoints whose URLs change with Gateway API
group: workload
severity: warning
severity_reason: >-
  Model endpoint URLs are called by clients, scripts and monitoring that the customer must update
  (warning). The dashboard and workbench URLs are opened from the dashboard and change with no
  action needed (info).
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [routes]
message: >-
  Route {{ namespace }}/{{ name }} ({{ endpoint }}) serves {{ observed }}; RHOAI 3.x replaces
  Routes with Gateway API, so this URL changes.
remediation: |
  Inventory every consumer of these URLs (bookmarks, scripts, monitoring, CI/CD, DNS and firewall
  rules, API gateways) and plan their update to the Gateway API hostnames after the migration;
  tell users the new access points.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
-- Beyond the vendor's 3.3.2 catalogue: migration-facts.md §3 (OpenShift Routes for RHOAI endpoints
-- → Gateway API). A Route is an RHOAI endpoint when it is the dashboard Route in the applications
-- namespace, or when the Route or its target Service carries the notebook-name or
-- serving.kserve.io/inferenceservice label (or the Route the odh-model-controller label
-- inferenceservice-name, as on Serverless model Routes in istio-system), or when it targets a
-- Service named after a collected
-- Notebook or InferenceService of its namespace.
with r as (
    select
        rt.namespace, rt.name, rt.file, rt.input_id, rt.labels,
        rt.raw ->> '/spec/host' as host,
        rt.raw ->> '/spec/to/name' as svc
    from routes as rt
),
classified as (
    select
        r.*,
        case
            when r.namespace = (select app_namespace from mgscan_params)
                 and r.name in ('rhods-dashboard', 'odh-dashboard')
                then 'the RHOAI dashboard'
            when (r.labels -> 'notebook-name') is not null
                then 'workbench ' || (r.labels ->> 'notebook-name')
            when (r.labels -> 'serving.kserve.io/inferenceservice') is not null
                then 'model ' || (r.labels ->> 'serving.kserve.io/inferenceservice')
            when (r.labels -> 'inferenceservice-name') is not null
                then 'model ' || (r.labels ->> 'inferenceservice-name')
            when (s.labels -> 'notebook-name') is not null
                then 'workbench ' || (s.labels ->> 'notebook-name')
            when (s.labels -> 'serving.kserve.io/inferenceservice') is not null
                then 'model ' || (s.labels ->> 'serving.kserve.io/inferenceservice')
            when exists (select 1 from notebooks as n
                         where n.namespace = r.namespace and n.name = r.svc)
                then 'workbench ' || r.svc
            when exists (select 1 from inferenceservices as i
                         where i.namespace = r.namespace
                           and r.svc in (i.name, i.name || '-predictor'))
                then 'model ' || regexp_replace(r.svc, '-predictor$', '')
        end as endpoint
    from r
    left join services as s on s.namespace = r.namespace and s.name = r.svc
)
select
    'Route' as kind,
    c.namespace,
    c.name,
    c.file as evidence_file,
    '/spec/host' as evidence_pointer,
    coalesce(c.host, '(no host)') as observed,
    c.endpoint,
    -- clients call model endpoints; dashboard and workbench URLs are opened from the dashboard
    case when c.endpoint like 'model %' then 'warning' else 'info' end as severity,
    c.input_id
from classified as c
where c.endpoint is not null
order by c.namespace, c.name
