/*---
id: WRK-0270
title: TrustyAI services hold metrics and data that must be backed up before the migration
group: workload
severity: warning
severity_reason: >-
  The customer must back up TrustyAI metrics and data before migrating; the migration does not
  carry them over.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [trustyaiservices]
message: >-
  TrustyAIService {{ namespace }}/{{ name }} stores {{ storage }}; back up its metrics and
  inference data before the migration.
remediation: |
  Back up the TrustyAI data of each service before upgrading: the PVC named in
  `.spec.storage` (for `PVC` storage) or the database it points at (for `DATABASE` storage), and
  any scheduled metrics (`/metrics/all/requests`). There is no rollback from a failed in-place
  migration, so an untested backup is not a backup.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
-- Beyond the vendor's 3.3.2 catalogue: migration-facts.md §5 (TrustyAI: back up metrics and data).
select
    'TrustyAIService' as kind,
    t.namespace,
    t.name,
    t.file as evidence_file,
    '/spec/storage/format' as evidence_pointer,
    coalesce(t.raw ->> '/spec/storage/format', '(not set)') as observed,
    coalesce(t.raw ->> '/spec/storage/format', 'unspecified') || ' storage'
        || coalesce(' (' || (t.raw ->> '/spec/storage/size') || ')', '') as storage,
    t.input_id
from trustyaiservices as t
order by t.namespace, t.name
