/*---
id: CMP-0070
title: Authorino is missing, not ready or has no listener TLS while LLMInferenceServices exist
group: component
severity: critical
aliases: [components.kserve.authorino-tls-readiness]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [llminferenceservices, authorinos]
message: >-
  {{ llmisvc_count }} LLMInferenceService(s) exist, but {{ reason }}.
remediation: |
  llm-d authorization needs the Authorino instance `authorino` in `kuadrant-system` with
  listener TLS enabled: set `spec.listener.tls.enabled: true` and
  `spec.listener.tls.certSecretRef.name` to a Secret holding the serving certificate (for
  example one issued by the OpenShift service CA), and wait until the Authorino Ready condition
  is True. The rule reports nothing when no LLMInferenceService exists (rhai-cli skips the
  check then). When Authorino objects were not collected (and discovery does not show the API
  as unserved) the outcome is not_evaluated; collect them with
  `oc adm inspect -n kuadrant-system authorinos.operator.authorino.kuadrant.io`.
links:
  - {title: "Red Hat Connectivity Link", url: "https://docs.redhat.com/en/documentation/red_hat_connectivity_link/"}
effort: moderate
tags: [absence]   # reports something missing: not_evaluated on obfuscated bundles
---*/
with llm as (select count(*) as n from llminferenceservices),
a as (
    select file, namespace, name, raw
    from authorinos where namespace = 'kuadrant-system' and name = 'authorino'
),
ready as (
    select c ->> 'status' as status, i - 1 as idx
    from a, lateral (select unnest(from_json(a.raw -> '/status/conditions', '["json"]')) as c,
                            generate_subscripts(from_json(a.raw -> '/status/conditions', '["json"]'), 1) as i)
    where c ->> 'type' = 'Ready'
    order by i
    limit 1
),
rows_ as (
    -- row 1: the CR and its listener TLS
    select
        case when (select raw -> '/spec/listener/tls' from a) is null then '/spec/listener/tls'
             else '/spec/listener/tls/enabled' end as evidence_pointer,
        case when not exists (select 1 from a) then '(not found)'
             when (select raw -> '/spec/listener/tls' from a) is null then '(not set)'
             else coalesce((select raw ->> '/spec/listener/tls/enabled' from a), '(not set)') end as observed,
        case
            when not exists (select 1 from a)
                then 'the Authorino resource kuadrant-system/authorino was not found'
            when (select raw -> '/spec/listener/tls' from a) is null
                then 'Authorino kuadrant-system/authorino has no spec.listener.tls block; listener TLS must be enabled for llm-d'
            when (select raw ->> '/spec/listener/tls/enabled' from a) is distinct from 'true'
                then 'Authorino kuadrant-system/authorino does not enable listener TLS (spec.listener.tls.enabled is not true)'
            when nullif((select raw ->> '/spec/listener/tls/certSecretRef/name' from a), '') is null
                then 'Authorino kuadrant-system/authorino enables listener TLS but names no certificate Secret (spec.listener.tls.certSecretRef.name)'
        end as reason
    union all
    -- row 2: readiness (only when the CR exists)
    -- the Ready condition's status; without one, the conditions list (no single value to show)
    select
        coalesce('/status/conditions/' || (select idx from ready)::varchar || '/status',
                 '/status/conditions'),
        (select status from ready),
        case when exists (select 1 from a) and coalesce((select status from ready), '') <> 'True'
             then 'Authorino kuadrant-system/authorino is not ready (Ready='
                  || coalesce(nullif((select status from ready), ''), 'missing') || ')' end
)
select
    'Authorino' as kind,
    'kuadrant-system' as namespace,
    'authorino' as name,
    (select file from a) as evidence_file,
    (select file from a) is null as absent,
    case when exists (select 1 from a) then r.evidence_pointer end as evidence_pointer,
    r.observed,
    llm.n as llmisvc_count,
    r.reason
from rows_ r, llm
where llm.n > 0 and r.reason is not null
order by evidence_pointer
