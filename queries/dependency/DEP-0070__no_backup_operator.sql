/*---
id: DEP-0070
title: No cluster backup operator (OADP / Velero) found for an in-place migration
group: dependency
severity: info
severity_reason: >-
  A full backup is required before an in-place migration, but any tool will do (storage snapshots,
  an external Velero); the bundle cannot show which, so the missing OADP Subscription is a fact to
  confirm in the checklist's Backup section, not an action by itself.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [subscriptions]
message: >-
  Not found: an OADP or Velero Subscription (looked for {{ observed }}) or a velero Deployment.
  A failed in-place migration can only be recovered by a full restore.
remediation: |
  There is no rollback from RHOAI 3.x to 2.x. Before an in-place migration, take a full
  cluster backup with OpenShift API for Data Protection (OADP, package `redhat-oadp-operator`)
  or Velero, back up every PVC (workbench volumes, model storage, pipeline databases), and test
  the restore on a separate cluster; GitOps manifests alone are not a backup. If you use
  another backup product, confirm it covers the RHOAI namespaces and custom resources.
  A side-by-side migration (new cluster, move workloads one by one) avoids the risk.
links:
  - {title: "OADP: backing up and restoring applications", url: "https://docs.redhat.com/en/documentation/openshift_container_platform/4.19/html/backup_and_restore/oadp-application-backup-and-restore"}
effort: moderate
tags: [absence]   # reports something missing: not_evaluated on obfuscated bundles
---*/
with op as (select names, packages from ref_operators where key = 'backup')
select
    'Subscription' as kind,
    null as namespace,
    'redhat-oadp-operator' as name,
    null as evidence_file,
    null as evidence_pointer,
    array_to_string(list_sort(list_distinct(list_concat(op.names, op.packages))), ', ') as observed,
    true as absent  -- names the Subscription that is missing, not an object of the bundle
from op
where not exists (
      select 1 from subscriptions s
      where list_contains(op.names, s.name) or list_contains(op.packages, s.raw ->> '/spec/name'))
  and not exists (select 1 from deployments d where d.name = 'velero')
order by name
