/*---
id: DEP-0040
title: OpenShift Serverless operator is still installed
group: dependency
severity: warning
severity_reason: >-
  The customer must uninstall the OpenShift Serverless operator once no model uses Serverless;
  RHOAI 3.x no longer needs it. A clean-up action, not a blocker.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [subscriptions]
message: >-
  Subscription {{ namespace }}/{{ name }} installs OpenShift Serverless ({{ observed }}); RHOAI
  3.x no longer uses Knative Serving.
remediation: |
  RHOAI 3.x removes KServe Serverless mode, so it no longer needs OpenShift Serverless. First
  convert every Serverless InferenceService to RawDeployment (see CMP-0050 and the workload
  rules), then uninstall the OpenShift Serverless operator and its KnativeServing instance,
  unless non-AI workloads on the cluster still use Knative.
links:
  - {title: "Red Hat OpenShift Serverless documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_serverless/"}
effort: moderate
---*/
with op as (select names, packages from ref_operators where key = 'serverless')
select
    'Subscription' as kind,
    s.namespace,
    s.name,
    s.file as evidence_file,
    '/status/installedCSV' as evidence_pointer,
    coalesce(s.raw ->> '/status/installedCSV', s.raw ->> '/spec/name') as observed
from subscriptions s, op
where list_contains(op.names, s.name) or list_contains(op.packages, s.raw ->> '/spec/name')
order by s.namespace, s.name
