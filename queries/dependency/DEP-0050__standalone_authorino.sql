/*---
id: DEP-0050
title: Standalone Authorino operator is installed
group: dependency
severity: warning
severity_reason: >-
  The customer must uninstall the standalone Authorino operator and move to Red Hat Connectivity
  Link; RHOAI 3.x does not use it. A clean-up action, not a blocker.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [subscriptions]
message: >-
  Subscription {{ namespace }}/{{ name }} installs the standalone Authorino operator
  ({{ observed }}) and no Red Hat Connectivity Link Subscription exists.
remediation: |
  RHOAI 3.x takes authorization (Authorino) and rate limiting (Limitador) from Red Hat
  Connectivity Link (`rhcl-operator`). Uninstall the standalone Authorino operator and install
  Red Hat Connectivity Link, which llm-d (LLMInferenceService) also needs. An Authorino
  Subscription created by OLM as a dependency of Connectivity Link is not reported.
links:
  - {title: "Red Hat Connectivity Link", url: "https://docs.redhat.com/en/documentation/red_hat_connectivity_link/"}
effort: low
---*/
with op as (select names, packages from ref_operators where key = 'authorino'),
rhcl as (select names, packages from ref_operators where key = 'rhcl')
select
    'Subscription' as kind,
    s.namespace,
    s.name,
    s.file as evidence_file,
    '/status/installedCSV' as evidence_pointer,
    coalesce(s.raw ->> '/status/installedCSV', s.raw ->> '/spec/name') as observed
from subscriptions s, op
where (list_contains(op.names, s.name) or list_contains(op.packages, s.raw ->> '/spec/name'))
  and not exists (
      select 1 from subscriptions r, rhcl
      where list_contains(rhcl.names, r.name) or list_contains(rhcl.packages, r.raw ->> '/spec/name'))
order by s.namespace, s.name
