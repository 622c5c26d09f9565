/*---
id: WRK-0240
title: Workbench images are custom, outdated or unverified for RHOAI 3.x
group: workload
severity: warning
aliases: [workloads.notebook.impacted-workloads]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, notebooks, imagestreams]
component_state:
  component: workbenches
  states: [Managed, Unmanaged]
message: >-
  Notebook {{ namespace }}/{{ name }}: {{ status_text }} (image {{ image_text }}; {{ reason }}).
remediation: |
  RHOAI 3.x replaces oauth-proxy with kube-rbac-proxy and the gateway, and non-Jupyter images need
  the fixes shipped in the 2025.2 workbench images.
  - PRE_UPGRADE_ACTION_REQUIRED: switch the workbench to a 2025.2 or later image before upgrading.
  - POST_UPGRADE_ACTION_REQUIRED: the RStudio image must be rebuilt on RHOAI 3.x after the upgrade.
  - CUSTOM: the image is not an out-of-the-box RHOAI image; verify (and if it was built for
    oauth-proxy, rebuild) it against RHOAI 3.x before upgrading.
  - VERIFY_FAILED: compatibility could not be determined; check the image by hand. RStudio images
    need the ImageStreamTags of the applications namespace, which a must-gather does not collect:
    `oc get imagestreamtags -n <applications namespace> -o yaml > rhoai-imagestreamtags.yaml`.
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: moderate
---*/
-- Image classification as in the vendor check (§5.2 of vendor-checks.md):
-- 1 OOTB catalogue, 2 type per ImageStream and 4's match keys are the shared views of
-- queries/_views/ootb_workbench_images.sql; here: 3 containers, 4 matching, 5 classification,
-- 6 worst status per Notebook (PRE > POST > VERIFY_FAILED > CUSTOM > GOOD).
with
-- 3. Containers of each Notebook, without the standard oauth-proxy sidecar.
nb as (
    select
        n.namespace, n.name, n.file, n.input_id,
        list_filter(coalesce(from_json(n.raw -> '/spec/template/spec/containers', '["json"]'), []),
            lambda c: not ((c ->> 'name') = 'oauth-proxy'
                           and contains(coalesce(c ->> 'image', ''), 'ose-oauth-proxy-rhel9')))
            as containers
    from notebooks as n
),
containers as (
    select
        nb.namespace, nb.name, c.idx, c.ctr ->> 'image' as image,
        nullif(regexp_extract(coalesce(c.ctr ->> 'image', ''), '@(sha256:[0-9a-f]+)$', 1), '')
            as img_digest,
        regexp_replace(regexp_replace(coalesce(c.ctr ->> 'image', ''), '@.*$', ''),
                       ':[^/:]+$', '') as img_path,
        nullif(regexp_extract(regexp_replace(coalesce(c.ctr ->> 'image', ''), '@.*$', ''),
                              ':([^/:]+)$', 1), '') as img_tag
    from nb,
         unnest(list_zip(range(1, len(nb.containers) + 1), nb.containers)) as z(pair),
         lateral (select pair[1] as idx, pair[2] as ctr) as c
),
-- The key each match rule compares (a: reference, b: digest, c: repository, d: reference), one
-- row per rule so the catalogue join is an equality join (linear, not a nested loop).
keyed as (
    select c.*, u.r as match_rule, u.k as match_key
    from containers as c,
         unnest([{'r': 'a', 'k': c.image}, {'r': 'b', 'k': c.img_digest},
                 {'r': 'c', 'k': c.img_path}, {'r': 'd', 'k': c.image}]) as t(u)
),
-- 4. First match wins: rule order a, b, c, d, then ImageStream name and tag.
matches as (
    select
        c.namespace, c.name, c.idx, c.image, c.img_digest, c.img_tag,
        k.match_rule, k.is_name,
        coalesce(k.tag, c.img_tag) as tag,
        k.digest as matched_digest,
        row_number() over (partition by c.namespace, c.name, c.idx
                           order by k.rule_order, k.is_name, k.tag nulls last) as rn
    from keyed as c
    join mgscan_ootb_catalogue as k on k.match_rule = c.match_rule and k.key = c.match_key
),
matched as (
    select
        c.namespace, c.name, c.idx, c.image, m.match_rule, m.is_name, m.tag, t.is_type,
        -- Digest of the running image: from the reference, the matched item, or the first item
        -- of the matched ImageStream tag.
        coalesce(c.img_digest, m.matched_digest,
                 (select si.digest from mgscan_ootb_status_items as si
                  where si.is_name = m.is_name and si.tag = m.tag and si.digest is not null
                  order by si.digest limit 1)) as digest
    from containers as c
    left join matches as m
      on m.namespace = c.namespace and m.name = c.name and m.idx = c.idx and m.rn = 1
    left join mgscan_ootb_imagestreams as t on t.is_name = m.is_name
),
rstudio as (
    select
        m.namespace, m.name, m.idx,
        ist.name as ist_name,
        ist.raw ->> '/image/metadata/name' as ist_digest,
        (select regexp_extract(e, '^OPENSHIFT_BUILD_REFERENCE=(.*)$', 1)
         from unnest(coalesce(from_json(ist.raw -> '/image/dockerImageMetadata/Config/Env',
                                        '["varchar"]'), [])) as u(e)
         where starts_with(e, 'OPENSHIFT_BUILD_REFERENCE=') limit 1) as build_ref
    from matched as m
    join mgscan_params as p on true
    left join imagestreamtags as ist
      on ist.namespace = p.app_namespace
     and ist.name = m.is_name || ':' || coalesce(m.tag, 'latest')
    where m.is_type = 'RStudio'
),
-- 5. Classification per container.
classified as (
    select
        m.namespace, m.name, m.idx, m.image,
        case
            when m.is_name is null then 'CUSTOM'
            when m.is_type = 'Jupyter' then 'GOOD'
            when m.is_type = 'RStudio' then
                case when r.ist_name is null or r.build_ref is null then 'VERIFY_FAILED'
                     when m.digest is distinct from r.ist_digest then 'POST_UPGRADE_ACTION_REQUIRED'
                     when vkey(regexp_extract(r.build_ref, '^rhoai-(\d+\.\d+(\.\d+)?)', 1))
                          >= vkey('3.0') then 'GOOD'
                     else 'POST_UPGRADE_ACTION_REQUIRED' end
            when regexp_matches(coalesce(m.tag, ''), '^\d{4}\.\d+$') then
                case when vkey(m.tag) >= vkey('2025.2') then 'GOOD'
                     when m.digest in (select digest from mgscan_ootb_good_digests) then 'GOOD'
                     else 'PRE_UPGRADE_ACTION_REQUIRED' end
            when m.digest in (select digest from mgscan_ootb_good_digests) then 'GOOD'
            else 'VERIFY_FAILED'
        end as status,
        case
            when m.is_name is null then 'not an out-of-the-box image of the applications namespace'
            when m.is_type = 'Jupyter' then 'Jupyter image ' || m.is_name
            when m.is_type = 'RStudio' then
                case when (select count(*) from imagestreamtags) = 0
                         then 'RStudio image ' || m.is_name
                              || ': ImageStreamTags were not collected, build reference unknown'
                     when r.ist_name is null
                         then 'RStudio image ' || m.is_name || ': ImageStreamTag '
                              || m.is_name || ':' || coalesce(m.tag, 'latest') || ' not found'
                     when r.build_ref is null
                         then 'RStudio image ' || m.is_name
                              || ': no OPENSHIFT_BUILD_REFERENCE in the ImageStreamTag'
                     when m.digest is distinct from r.ist_digest
                         then 'RStudio image ' || m.is_name
                              || ': running digest differs from the ImageStreamTag image'
                     else 'RStudio image ' || m.is_name || ' built from ' || r.build_ref end
            when regexp_matches(coalesce(m.tag, ''), '^\d{4}\.\d+$')
                then m.is_type || ' image ' || m.is_name || ':' || m.tag
                     || case when vkey(m.tag) >= vkey('2025.2') then ''
                             when m.digest in (select digest from mgscan_ootb_good_digests)
                                 then ' (same digest tagged 2025.2 or later)'
                             else ' is older than 2025.2' end
            else m.is_type || ' image ' || m.is_name || ' with non-version tag '
                 || coalesce(m.tag, '(none)')
                 || case when m.digest in (select digest from mgscan_ootb_good_digests)
                         then ' (same digest tagged 2025.2 or later)'
                         else ': digest not found under a 2025.2 or later tag' end
        end as reason
    from matched as m
    left join rstudio as r on r.namespace = m.namespace and r.name = m.name and r.idx = m.idx
),
-- 6. Worst status per Notebook.
ranked as (
    select
        c.*,
        row_number() over (
            partition by c.namespace, c.name
            order by case c.status when 'PRE_UPGRADE_ACTION_REQUIRED' then 1
                                   when 'POST_UPGRADE_ACTION_REQUIRED' then 2
                                   when 'VERIFY_FAILED' then 3 when 'CUSTOM' then 4 else 5 end,
                     c.idx) as rn
    from classified as c
),
per_notebook as (
    select nb.namespace, nb.name, nb.file, nb.input_id,
           coalesce(r.status, 'VERIFY_FAILED') as status,
           r.image,
           r.idx,
           coalesce(r.reason, 'the Notebook has no containers besides oauth-proxy') as reason
    from nb
    left join ranked as r on r.namespace = nb.namespace and r.name = nb.name and r.rn = 1
)
select
    'Notebook' as kind,
    p.namespace,
    p.name,
    p.file as evidence_file,
    case when p.idx is null then '/spec/template/spec/containers'
         else '/spec/template/spec/containers/' || (
             -- index in the original container list (oauth-proxy sidecar may precede it)
             select list_position(list_transform(
                 coalesce(from_json(n.raw -> '/spec/template/spec/containers', '["json"]'), []),
                 lambda c: c ->> 'image'), p.image) - 1
             from notebooks as n where n.namespace = p.namespace and n.name = p.name
         ) || '/image' end as evidence_pointer,
    p.image as observed,  -- null: no container but oauth-proxy (the list is the evidence)
    coalesce(p.image, '(none)') as image_text,
    p.status as image_status,
    case p.status
        when 'PRE_UPGRADE_ACTION_REQUIRED' then 'incompatible image, update it before the upgrade'
        when 'POST_UPGRADE_ACTION_REQUIRED' then 'incompatible image, rebuild it after the upgrade to 3.x'
        when 'CUSTOM' then 'custom image, verify it against RHOAI 3.x'
        else 'image compatibility could not be verified' end as status_text,
    p.reason,
    p.input_id
from per_notebook as p
where p.status <> 'GOOD'
order by p.namespace, p.name
