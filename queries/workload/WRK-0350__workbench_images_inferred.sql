/*---
id: WRK-0350
title: Custom or outdated workbench images inferred from StatefulSets (Notebooks not collected)
group: workload
severity: warning
severity_reason: >-
  The customer must verify or rebuild custom and outdated workbench images, as the vendor's
  workbench image check asks (warning there too).
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, statefulsets, imagestreams]
component_state:
  component: workbenches
  states: [Managed, Unmanaged]
message: >-
  Workbench {{ namespace }}/{{ name }}: {{ status_text }} (image {{ observed }}; {{ reason }});
  inferred from its StatefulSet because the Notebook CRs were not collected.
remediation: |
  - PRE_UPGRADE_ACTION_REQUIRED: switch the workbench to a 2025.2 or later image before upgrading.
  - CUSTOM: verify the image against RHOAI 3.x (oauth-proxy is replaced by kube-rbac-proxy) and
    rebuild it if needed before upgrading.
  This finding is inferred: the StatefulSet's pod template is copied from the Notebook, but the
  exact check (WRK-0240, vendor workloads.notebook.impacted-workloads) needs the Notebook CRs.
  RStudio images are not judged here. Collect the Notebooks with
  `oc adm inspect -A --dest-dir=rhoai-extra notebooks.kubeflow.org`.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
-- Inference for 2.x bundles (bundle-format.md §7.2, a hint): the notebook controller copies the
-- Notebook's pod template into a StatefulSet of the same name whose Pods carry notebook-name.
-- Same catalogue and match rules a-d as WRK-0240; reports CUSTOM and PRE_UPGRADE_ACTION_REQUIRED
-- only. Returns nothing when Notebooks were collected (WRK-0240 speaks then).
with
sts as (
    select
        s.namespace,
        coalesce(s.raw ->> '/spec/template/metadata/labels/notebook-name',
                 s.labels ->> 'notebook-name') as notebook,
        s.file, s.input_id,
        coalesce(from_json(s.raw -> '/spec/template/spec/containers', '["json"]'), []) as ctrs
    from statefulsets as s
    where coalesce(s.raw ->> '/spec/template/metadata/labels/notebook-name',
                   s.labels ->> 'notebook-name') is not null
),
containers as (
    select
        sts.namespace, sts.notebook, sts.file, sts.input_id, z.pair[1] as idx,
        z.pair[2] ->> 'image' as image,
        nullif(regexp_extract(coalesce(z.pair[2] ->> 'image', ''), '@(sha256:[0-9a-f]+)$', 1), '')
            as img_digest,
        regexp_replace(regexp_replace(coalesce(z.pair[2] ->> 'image', ''), '@.*$', ''),
                       ':[^/:]+$', '') as img_path,
        nullif(regexp_extract(regexp_replace(coalesce(z.pair[2] ->> 'image', ''), '@.*$', ''),
                              ':([^/:]+)$', 1), '') as img_tag
    from sts,
         unnest(list_zip(range(0, len(sts.ctrs)), sts.ctrs)) as z(pair)
    where not ((z.pair[2] ->> 'name') = 'oauth-proxy'
               and contains(coalesce(z.pair[2] ->> 'image', ''), 'ose-oauth-proxy-rhel9'))
),
-- One row per match rule and the key it compares: the catalogue join is an equality join.
keyed as (
    select c.*, u.r as match_rule, u.k as match_key
    from containers as c,
         unnest([{'r': 'a', 'k': c.image}, {'r': 'b', 'k': c.img_digest},
                 {'r': 'c', 'k': c.img_path}, {'r': 'd', 'k': c.image}]) as t(u)
),
matches as (
    select
        c.namespace, c.notebook, c.idx, k.is_name, coalesce(k.tag, c.img_tag) as tag,
        k.digest as matched_digest,
        row_number() over (partition by c.namespace, c.notebook, c.idx
                           order by k.rule_order, k.is_name, k.tag nulls last) as rn
    from keyed as c
    join mgscan_ootb_catalogue as k on k.match_rule = c.match_rule and k.key = c.match_key
),
classified as (
    select
        c.namespace, c.notebook, c.file, c.input_id, c.idx, c.image, m.is_name, m.tag, t.is_type,
        coalesce(c.img_digest, m.matched_digest,
                 (select si.digest from mgscan_ootb_status_items as si
                  where si.is_name = m.is_name and si.tag = m.tag and si.digest is not null
                  order by si.digest limit 1)) as digest
    from containers as c
    left join matches as m
      on m.namespace = c.namespace and m.notebook = c.notebook and m.idx = c.idx and m.rn = 1
    left join mgscan_ootb_imagestreams as t on t.is_name = m.is_name
),
judged as (
    select
        c.*,
        case
            when c.is_name is null then 'CUSTOM'
            when c.is_type in ('CodeServer', 'unknown')
                 and regexp_matches(coalesce(c.tag, ''), '^\d{4}\.\d+$')
                 and vkey(c.tag) < vkey('2025.2')
                 and not coalesce(c.digest in (select digest from mgscan_ootb_good_digests), false)
                then 'PRE_UPGRADE_ACTION_REQUIRED'
        end as status
    from classified as c
),
ranked as (
    select j.*,
           row_number() over (partition by j.namespace, j.notebook
                              order by case j.status when 'PRE_UPGRADE_ACTION_REQUIRED' then 1
                                                     else 2 end, j.idx) as rn
    from judged as j
    where j.status is not null
)
select
    'Notebook' as kind,
    r.namespace,
    r.notebook as name,
    r.file as evidence_file,
    '/spec/template/spec/containers/' || r.idx || '/image' as evidence_pointer,
    r.image as observed,
    r.status as image_status,
    case r.status when 'CUSTOM' then 'custom image, verify it against RHOAI 3.x'
         else 'incompatible image, update it before the upgrade' end as status_text,
    case r.status when 'CUSTOM' then 'not an out-of-the-box image of the applications namespace'
         else r.is_type || ' image ' || r.is_name || ':' || r.tag || ' is older than 2025.2' end
        as reason,
    true as inferred,
    r.input_id
from ranked as r
where r.rn = 1
  and (select count(*) from notebooks) = 0
order by r.namespace, r.notebook
