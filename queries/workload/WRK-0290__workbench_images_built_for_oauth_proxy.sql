/*---
id: WRK-0290
title: Workbenches use a custom oauth-proxy or images built for oauth-proxy
group: workload
severity: warning
severity_reason: >-
  The customer must rebuild workbench images built for oauth-proxy (kube-rbac-proxy replaces it);
  otherwise they loop on login after the migration.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, notebooks]
component_state:
  component: workbenches
  states: [Managed, Unmanaged]
message: >-
  Notebook {{ namespace }}/{{ name }}: container {{ container }} {{ finding }}. RHOAI 3.x replaces
  oauth-proxy with kube-rbac-proxy; images built for oauth-proxy loop on redirect after the upgrade.
remediation: |
  Rebuild custom workbench images for kube-rbac-proxy (drop oauth-proxy specific configuration
  such as `--openshift-*` flags, OAuth redirect handling and hard-coded `/oauth` paths) and test them
  on a RHOAI 3.x cluster before the migration. Custom oauth-proxy sidecars are not carried over.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
-- Beyond the vendor's 3.3.2 catalogue: migration-facts.md §3-§4 (oauth-proxy → kube-rbac-proxy;
-- custom oauth-proxy configurations are a high-exposure signal). Flags (a) an oauth-proxy
-- sidecar whose image is not the standard ose-oauth-proxy-rhel9 image, and (b) any other
-- container whose image, command, args or env mention oauth-proxy.
with ctrs as (
    select
        n.namespace, n.name, n.file, n.input_id, z.pair[1] as idx, z.pair[2] as ctr
    from notebooks as n,
         unnest(list_zip(
             range(0, len(coalesce(from_json(n.raw -> '/spec/template/spec/containers',
                                             '["json"]'), []))),
             coalesce(from_json(n.raw -> '/spec/template/spec/containers', '["json"]'), [])))
             as z(pair)
),
flagged as (
    select
        c.*,
        c.ctr ->> 'name' as container,
        c.ctr ->> 'image' as image,
        case
            when (c.ctr ->> 'name') = 'oauth-proxy'
                 and not contains(coalesce(c.ctr ->> 'image', ''), 'ose-oauth-proxy')
                then 'is an oauth-proxy sidecar with non-standard image ' || coalesce(c.ctr ->> 'image', '(none)')
            when (c.ctr ->> 'name') <> 'oauth-proxy'
                 and regexp_matches(
                     lower(coalesce(c.ctr ->> 'image', '') || ' '
                           || coalesce(cast(c.ctr -> 'command' as varchar), '') || ' '
                           || coalesce(cast(c.ctr -> 'args' as varchar), '') || ' '
                           || coalesce(cast(c.ctr -> 'env' as varchar), '')),
                     'oauth[-_]?proxy')
                then 'runs image ' || coalesce(c.ctr ->> 'image', '(none)')
                     || ' whose image, command, args or env reference oauth-proxy'
        end as finding
    from ctrs as c
)
select
    'Notebook' as kind,
    f.namespace,
    f.name,
    f.file as evidence_file,
    '/spec/template/spec/containers/' || f.idx || '/image' as evidence_pointer,
    coalesce(f.image, '(not set)') as observed,
    f.finding,
    f.container,
    f.input_id
from flagged as f
where f.finding is not null
order by f.namespace, f.name, f.idx
