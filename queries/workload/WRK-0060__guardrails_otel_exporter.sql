/*---
id: WRK-0060
title: GuardrailsOrchestrators use the deprecated otelExporter fields
group: workload
severity: warning
aliases: [workloads.guardrails.otel-config-migration]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, guardrailsorchestrators]
component_state:
  component: trustyai
  states: [Managed]
message: >-
  GuardrailsOrchestrator {{ namespace }}/{{ name }} sets the deprecated .spec.otelExporter
  ({{ exporter_keys }}), which must move to the new format before upgrading to RHOAI 3.x.
remediation: |
  Convert `.spec.otelExporter` to the new OpenTelemetry exporter format before upgrading (the
  vendor script `migrate-gorch-otel-exporter.sh` in red-hat-data-services/rhoai-upgrade-helpers
  does it).
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
select
    'GuardrailsOrchestrator' as kind,
    g.namespace,
    g.name,
    g.file as evidence_file,
    '/spec/otelExporter' as evidence_pointer,
    g.raw ->> '/spec/otelExporter' as observed,
    array_to_string(list_sort(json_keys(g.raw -> '/spec/otelExporter')), ', ') as exporter_keys,
    g.input_id
from guardrailsorchestrators as g
where json_type(g.raw -> '/spec/otelExporter') = 'OBJECT'
  and len(json_keys(g.raw -> '/spec/otelExporter')) > 0
order by g.namespace, g.name
