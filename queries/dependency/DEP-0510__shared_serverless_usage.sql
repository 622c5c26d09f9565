/*---
id: DEP-0510
title: Serverless resources outside the RHOAI namespaces may be shared with other workloads
group: dependency
severity: warning
aliases: [dependencies.shared-serverless.shared-usage]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [knative_services, knativeservings, knativeeventings]
message: >-
  {{ label }} {{ namespace }}/{{ name }} lives outside the namespaces RHOAI manages; workloads that
  are not part of OpenShift AI may share OpenShift Serverless and be affected by the move to RHOAI
  3.x, which no longer uses Serverless. Serverless model deployments also create Knative Services
  in user namespaces, so model namespaces appear here too.
remediation: |
  Review each listed Knative resource with its owners before the migration. Convert Serverless
  model deployments to RawDeployment first; do not uninstall OpenShift Serverless while other
  applications still use it. A full list needs the Knative resources of every namespace, which a
  must-gather collects only where RHOAI workloads live.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
-- like rhai-cli: RHOAI-managed = the Serverless and mesh namespaces plus the DSCI applications
-- and monitoring namespaces
with managed as (
    select unnest(['istio-system', 'knative-serving', 'knative-eventing', 'openshift-serverless',
                   'openshift-operators']) as ns
    union all
    select raw ->> '/spec/applicationsNamespace' from dscinitializations
    union all
    select raw ->> '/spec/monitoring/namespace' from dscinitializations
),
knative as (
    select 'Service' as kind, 'Knative Service' as label, namespace, name, file, input_id
    from knative_services
    union all
    select 'KnativeServing', 'KnativeServing', namespace, name, file, input_id from knativeservings
    union all
    select 'KnativeEventing', 'KnativeEventing', namespace, name, file, input_id from knativeeventings
)
select
    k.kind,
    k.namespace,
    k.name,
    k.file as evidence_file,
    '/metadata/namespace' as evidence_pointer,
    k.namespace as observed,
    k.input_id,
    k.label
from knative as k
where k.namespace not in (select ns from managed where ns is not null and ns <> '')
order by k.kind, k.namespace, k.name
