"""The object inventory compared by ``mgscan diff`` for post-migration validation.

Per family (workbench, model, pipeline, ...), namespace and name: the objects a migration must
keep. Identity never includes the API version or the group where the migration renames them:
DataScienceCluster v1 -> v2 is the same object, and AcceleratorProfiles and dashboard
HardwareProfiles become ``infrastructure.opendatahub.io`` HardwareProfiles of the same name.
Secrets are listed by name only (their values never reach a table). PVCs, RoleBindings,
ResourceQuotas and Secrets are taken from data science projects only (namespaces labelled
``opendatahub.io/dashboard=true`` or holding a workbench, model or pipeline server), and
Secrets that the cluster regenerates (service-account tokens, dockercfg) are left out.
"""

from __future__ import annotations

from typing import Any

import duckdb

INVENTORY_SQL = r"""
with projects as (
    select name as namespace from namespaces
     where labels->>'$."opendatahub.io/dashboard"' = 'true'
    union select namespace from notebooks
    union select namespace from inferenceservices
    union select namespace from dspas
),
scoped as (
    select r.* from resources r join projects p on r.namespace = p.namespace
)
select 'workbench' as family, namespace, name,
       (select string_agg(v->'persistentVolumeClaim'->>'claimName', ', '
                          order by v->'persistentVolumeClaim'->>'claimName')
          from (select unnest(from_json(raw->'/spec/template/spec/volumes', '["json"]')) as v)
         where v->>'persistentVolumeClaim' is not null) as detail
  from notebooks
union all
select 'model', namespace, name,
       coalesce(raw->>'/status/url', raw->>'/status/address/url') from inferenceservices
union all
select 'model', namespace, name,
       coalesce(raw->>'/status/url', raw->>'/status/address/url') from llminferenceservices
union all
select 'pipeline server', namespace, name, null from dspas
union all
select 'scheduled run', namespace, name, raw->>'/spec/trigger/cronSchedule/cron'
  from resources where kind = 'ScheduledWorkflow' and "group" = 'kubeflow.org'
union all
select 'hardware profile', namespace, name, null
  from resources
 where (kind = 'AcceleratorProfile' and "group" = 'dashboard.opendatahub.io')
    or (kind = 'HardwareProfile'
        and "group" in ('dashboard.opendatahub.io', 'infrastructure.opendatahub.io'))
union all
select lower(kind), namespace, name, null
  from resources where kind in ('DataScienceCluster', 'DSCInitialization')
union all
select 'pvc', namespace, name, raw->>'/spec/resources/requests/storage'
  from scoped where kind = 'PersistentVolumeClaim' and "group" = ''
union all
select 'rolebinding', namespace, name, raw->>'/roleRef/name'
  from scoped where kind = 'RoleBinding' and "group" = 'rbac.authorization.k8s.io'
union all
select 'resourcequota', namespace, name, null
  from scoped where kind = 'ResourceQuota' and "group" = ''
union all
select case when annotations->>'$."opendatahub.io/connection-type"' is not null
              or annotations->>'$."opendatahub.io/connection-type-ref"' is not null
            then 'data connection' else 'secret' end,
       namespace, name, null
  from scoped
 where kind = 'Secret' and "group" = ''
   and coalesce(raw->>'/type', '') not in ('kubernetes.io/service-account-token',
                                           'kubernetes.io/dockercfg')
   and annotations->>'$."kubernetes.io/service-account.name"' is null
"""

FAMILIES = ("workbench", "model", "pipeline server", "scheduled run", "hardware profile",
            "datasciencecluster", "dscinitialization", "pvc", "rolebinding", "resourcequota",
            "data connection", "secret")


def parity_inventory(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every inventoried object: family, namespace, name and a detail (PVCs, endpoint, ...)."""
    rows = {(f, ns or "", n): d for f, ns, n, d in con.execute(INVENTORY_SQL).fetchall()}
    return [{"family": f, "namespace": ns or None, "name": n, "detail": rows[(f, ns, n)]}
            for f, ns, n in sorted(rows, key=lambda k: (FAMILIES.index(k[0])
                                                          if k[0] in FAMILIES else 99, k[1], k[2]))]
