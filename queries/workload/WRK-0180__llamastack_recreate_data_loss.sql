/*---
id: WRK-0180
title: LlamaStackDistributions must be recreated and lose their data
group: workload
severity: critical
aliases: [workloads.llamastack.config]
vendor_commit: 68f585a
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, llamastackdistributions]
component_state:
  component: llamastackoperator
  states: [Managed]
message: >-
  LlamaStackDistribution {{ namespace }}/{{ name }} must be deleted and recreated after the RHOAI
  3.3+ upgrade: in-place upgrade is not supported, and all its data (SQLite storage) is lost unless
  it is archived first.
remediation: |
  1. Back up the existing Llama Stack configurations and pod data before upgrading: run
     `kubectl odh migrate prepare` (rhai-cli) and keep the archive off-cluster. There is no
     automated migration from the 2.x SQLite storage to the 3.x PostgreSQL storage.
  2. Coordinate with the owners of each distribution about the data loss and the recreation.
  3. After the RHOAI 3.3+ upgrade, delete the old LlamaStackDistributions and create new ones
     following the RHOAI 3.3+ documentation, then restore the archived data.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: high
---*/
select
    'LlamaStackDistribution' as kind,
    l.namespace,
    l.name,
    l.file as evidence_file,
    case when (l.raw ->> '/spec/server/distribution/name') is not null then '/spec/server/distribution/name'
         when (l.raw ->> '/spec/server/distribution/image') is not null then '/spec/server/distribution/image'
         else '/apiVersion' end as evidence_pointer,
    coalesce(l.raw ->> '/spec/server/distribution/name',
             l.raw ->> '/spec/server/distribution/image', l.raw ->> '/apiVersion') as observed,
    l.input_id
from llamastackdistributions as l
order by l.namespace, l.name
