/*---
id: VER-0040
title: OpenShift version is not listed for the target RHOAI release
group: version
severity: warning
severity_reason: >-
  The customer must upgrade OpenShift to a version listed for the target RHOAI release before
  migrating.
aliases: []
applies_to:
  target: ">=3.0"
requires: [clusterversions]
message: >-
  OpenShift {{ observed }} {{ reason }}
remediation: |
  RHOAI 3.3 is listed for OpenShift 4.19.9 and later 4.19.z, 4.20 and 4.21. Update OpenShift
  into that range before migrating (below 4.19.9 the migration is blocked, see DEP-0020), or,
  on a newer OpenShift, confirm on the Red Hat OpenShift AI supported-configurations page that
  the target release supports it; that page is authoritative and may list newer releases.
links:
  - {title: "Red Hat OpenShift AI: supported configurations", url: "https://access.redhat.com/articles/rhoai-supported-configs"}
effort: moderate
---*/
with p as (
    select target_version,
           vminor(target_version) as target_minor
    from mgscan_params
),
cv as (
    select file, name,
           raw ->> '/status/desired/version' as desired,
           coalesce(raw ->> '/status/desired/version',
                    raw ->> '/status/history/0/version') as v
    from clusterversions where name = 'version'
),
o as (
    select cv.*, vminor(cv.v) as ocp_minor
    from cv where semver(cv.v) is not null
)
select
    'ClusterVersion' as kind,
    null as namespace,
    o.name,
    o.file as evidence_file,
    case when o.desired is not null then '/status/desired/version'
         else '/status/history/0/version' end as evidence_pointer,
    o.v as observed,
    p.target_minor,
    case
        when m.rhoai is null
            then 'cannot be checked against target RHOAI ' || p.target_minor || ': mgscan has no support-matrix row for it'
        when vkey(o.v) < vkey(m.min_ocp)
            then 'is below ' || m.min_ocp || ', the minimum OpenShift for RHOAI ' || m.rhoai
                 || ' (listed: ' || array_to_string(m.ocp, ', ') || ')'
        else 'is not among the OpenShift versions listed for RHOAI ' || m.rhoai || ' ('
             || array_to_string(m.ocp, ', ') || ')'
    end as reason,
    false as absent
from o
cross join p
left join ref_support_matrix m on m.rhoai = p.target_minor
where m.rhoai is null
   -- an empty list: only the minimum is known for this target
   or (len(m.ocp) > 0 and not list_contains(m.ocp, o.ocp_minor))
   or vkey(o.v) < vkey(m.min_ocp)
union all
-- no readable OpenShift version at all: the pair cannot be checked
select 'ClusterVersion', null, 'version', (select file from clusterversions where name = 'version'),
       null, '(unknown)', p.target_minor,
       'cannot be checked against the target release: the bundle''s ClusterVersion holds no readable version',
       not exists (select 1 from clusterversions where name = 'version')
from p
where not exists (select 1 from o)
order by name
