/*---
id: WRK-0050
title: GuardrailsOrchestrators are misconfigured for the RHOAI 3.x upgrade
group: workload
severity: warning
aliases: [workloads.guardrails.impacted-workloads]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, guardrailsorchestrators, configmaps]
component_state:
  component: trustyai
  states: [Managed]
message: >-
  GuardrailsOrchestrator {{ namespace }}/{{ name }} is misconfigured: {{ problems_text }}.
remediation: |
  Review each listed GuardrailsOrchestrator before upgrading: set `.spec.orchestratorConfig` and
  `.spec.guardrailsGatewayConfig` to existing ConfigMaps in the same namespace, set
  `.spec.enableGuardrailsGateway: true` and `.spec.enableBuiltInDetectors: true`, and make the
  orchestrator ConfigMap's `config.yaml` define `chat_generation.service.hostname`,
  `chat_generation.service.port` and a non-empty `detectors` map.
  A key that cannot be read from the collected `config.yaml` (for example a config written in
  flow style, `{...}`) is reported as "could not be verified" rather than passed; confirm
  those by hand.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
with g as (
    select
        namespace, name, file, input_id,
        nullif(raw ->> '/spec/orchestratorConfig', '') as orch_cm,
        nullif(raw ->> '/spec/guardrailsGatewayConfig', '') as gw_cm,
        coalesce(raw ->> '/spec/enableGuardrailsGateway', '') as enable_gw,
        coalesce(raw ->> '/spec/enableBuiltInDetectors', '') as enable_builtin
    from guardrailsorchestrators
),
cm as (
    select namespace, name, raw ->> '/data/config.yaml' as cfg
    from configmaps
),
parsed as (
    select
        g.*,
        orch.name is not null as orch_exists,
        orch.cfg,
        gw.name is not null as gw_exists,
        -- Body of a block-style top-level `chat_generation:` mapping (lines indented under it).
        regexp_extract(coalesce(orch.cfg, ''),
            '(?m)^["'']?chat_generation["'']?:[ \t]*(?:#[^\n]*)?\n((?:(?:[ \t]+[^\n]*|[ \t]*)(?:\n|$))*)', 1)
            as chat_block,
        -- Body of a block-style top-level `detectors:` mapping.
        regexp_extract(coalesce(orch.cfg, ''),
            '(?m)^["'']?detectors["'']?:[ \t]*(?:#[^\n]*)?\n((?:(?:[ \t]+[^\n]*|[ \t]*)(?:\n|$))*)', 1)
            as detectors_block
    from g
    left join cm as orch on orch.namespace = g.namespace and orch.name = g.orch_cm
    left join cm as gw on gw.namespace = g.namespace and gw.name = g.gw_cm
),
issues as (
    select
        p.*,
        list_filter([
            case when p.orch_cm is null then '.spec.orchestratorConfig is missing or empty' end,
            case when p.enable_gw <> 'true' then '.spec.enableGuardrailsGateway is not true' end,
            case when p.gw_cm is null then '.spec.guardrailsGatewayConfig is missing or empty' end,
            case when p.enable_builtin <> 'true' then '.spec.enableBuiltInDetectors is not true' end,
            case when p.orch_cm is not null and not p.orch_exists
                 then 'orchestrator ConfigMap ' || p.orch_cm || ' not found' end,
            case when p.orch_exists and p.cfg is null
                 then 'ConfigMap ' || p.orch_cm || ' has no data["config.yaml"]' end,
            case when p.orch_exists and p.cfg is not null
                  and not (
                      -- block style: service: / hostname: / port: on their own indented lines
                      (regexp_matches(p.chat_block, '(?m)^[ \t]+["'']?service["'']?:[ \t]*(?:#.*)?$')
                       and regexp_matches(p.chat_block, '(?m)^[ \t]+["'']?hostname["'']?:[ \t]*[^\s#]')
                       and regexp_matches(p.chat_block, '(?m)^[ \t]+["'']?port["'']?:[ \t]*[^\s#]'))
                      -- or a one-line flow mapping: service: {hostname: h, port: 8080}
                      or (regexp_matches(p.chat_block,
                              '(?m)^[ \t]+["'']?service["'']?:[ \t]*\{[^}\n]*\bhostname["'']?:[ \t]*[^\s,}]+')
                          and regexp_matches(p.chat_block,
                              '(?m)^[ \t]+["'']?service["'']?:[ \t]*\{[^}\n]*\bport["'']?:[ \t]*[^\s,}]+')))
                 then 'chat_generation.service.hostname/port in ConfigMap ' || p.orch_cm
                      || ' is missing or could not be verified' end,
            case when p.orch_exists and p.cfg is not null
                  and not regexp_matches(p.detectors_block, '(?m)^[ \t]+[^\s#]')
                 then 'detectors in ConfigMap ' || p.orch_cm
                      || ' is missing, empty or could not be verified' end,
            case when p.gw_cm is not null and not p.gw_exists
                 then 'gateway ConfigMap ' || p.gw_cm || ' not found' end
        ], lambda x: x is not null) as problems
    from parsed as p
)
select
    'GuardrailsOrchestrator' as kind,
    i.namespace,
    i.name,
    i.file as evidence_file,
    '/spec' as evidence_pointer,
    null as observed,  -- several fields and ConfigMaps: the message lists them, the excerpt shows the spec
    array_to_string(i.problems, '; ') as problems_text,
    len(i.problems) as problem_count,
    i.input_id
from issues as i
where len(i.problems) > 0
order by i.namespace, i.name
