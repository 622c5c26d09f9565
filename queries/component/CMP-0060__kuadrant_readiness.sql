/*---
id: CMP-0060
title: Kuadrant is missing or not ready while LLMInferenceServices exist
group: component
severity: critical
aliases: [components.kserve.kuadrant-readiness]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [llminferenceservices, kuadrants]
message: >-
  {{ llmisvc_count }} LLMInferenceService(s) exist, but {{ reason }}; llm-d needs a Ready
  Kuadrant (kuadrant-system/kuadrant).
remediation: |
  llm-d (LLMInferenceService) relies on Red Hat Connectivity Link for authorization and rate
  limiting. Install Red Hat Connectivity Link, create the `Kuadrant` resource named `kuadrant`
  in `kuadrant-system`, and wait until its Ready condition is True before upgrading.
  The rule reports nothing when no LLMInferenceService exists (rhai-cli skips the check then).
  It needs both kinds in the bundle: when Kuadrant objects were not collected (and the
  discovery data does not show the kuadrant.io API as unserved) the outcome is not_evaluated;
  collect them with `oc adm inspect -n kuadrant-system kuadrants.kuadrant.io`.
links:
  - {title: "Red Hat Connectivity Link", url: "https://docs.redhat.com/en/documentation/red_hat_connectivity_link/"}
effort: moderate
tags: [absence]   # reports something missing: not_evaluated on obfuscated bundles
---*/
with llm as (select count(*) as n from llminferenceservices),
k as (
    select file, namespace, name, raw
    from kuadrants where namespace = 'kuadrant-system' and name = 'kuadrant'
),
ready as (
    select c ->> 'status' as status, ord - 1 as idx
    from k, lateral (select unnest(from_json(k.raw -> '/status/conditions', '["json"]')) as c,
                            generate_subscripts(from_json(k.raw -> '/status/conditions', '["json"]'), 1) as ord)
    where c ->> 'type' = 'Ready'
    limit 1
)
select
    'Kuadrant' as kind,
    'kuadrant-system' as namespace,
    'kuadrant' as name,
    (select file from k) as evidence_file,
    (select file from k) is null as absent,
    case when exists (select 1 from k) then
        coalesce('/status/conditions/' || (select idx from ready)::varchar || '/status', '/status/conditions')
    end as evidence_pointer,
    case when not exists (select 1 from k) then '(not found)'
         else coalesce(nullif((select status from ready), ''), '(no Ready condition)') end as observed,
    llm.n as llmisvc_count,
    case when not exists (select 1 from k) then 'the Kuadrant resource kuadrant-system/kuadrant was not found'
         else 'Kuadrant kuadrant-system/kuadrant is not ready (Ready='
              || coalesce(nullif((select status from ready), ''), 'missing') || ')' end as reason
from llm
where llm.n > 0
  and coalesce((select status from ready), '') <> 'True'
order by name
