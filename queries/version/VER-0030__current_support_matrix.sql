/*---
id: VER-0030
title: Current RHOAI and OpenShift pair is not a listed supported configuration
group: version
severity: warning
severity_reason: >-
  The customer should move to a supported OpenShift and RHOAI pair; the cluster runs a
  configuration Red Hat does not list as supported.
aliases: []
applies_to:
  source: ">=2.0,<3.0"
requires: [clusterversions]
message: >-
  RHOAI {{ rhoai_minor }} runs on OpenShift {{ observed }}, {{ reason }}
remediation: |
  Bring the current cluster into a supported configuration before you start: an unsupported
  RHOAI/OpenShift pair can fail in ways the migration does not expect. Plan the OpenShift
  updates together with the RHOAI updates (OpenShift must reach 4.19.9+ for RHOAI 3.3 anyway),
  and check the Red Hat OpenShift AI supported-configurations page, which is authoritative and
  may list newer pairs.
links:
  - {title: "Red Hat OpenShift AI: supported configurations", url: "https://access.redhat.com/articles/rhoai-supported-configs"}
effort: moderate
---*/
with p as (
    select source_version,
           vminor(source_version) as rhoai_minor
    from mgscan_params
),
cv as (
    -- the running version, as cluster_facts reads it (newest Completed history entry first)
    select c.file, c.name, f.ocp_version as v, f.ocp_version_source,
           (select min(i) - 1 from (
               select unnest(from_json(c.raw -> '/status/history', '["json"]')) as h,
                      generate_subscripts(from_json(c.raw -> '/status/history', '["json"]'), 1) as i)
            where (h ->> 'state') = 'Completed') as completed_idx
    from clusterversions c, cluster_facts f
    where c.name = 'version'
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
    case when o.ocp_version_source = 'clusterversion-desired' then '/status/desired/version'
         else '/status/history/' || o.completed_idx::varchar || '/version' end as evidence_pointer,
    o.v as observed,
    p.rhoai_minor,
    case
        when m.rhoai is null
            then 'and mgscan has no support-matrix row for RHOAI ' || p.rhoai_minor || ', so the pair cannot be confirmed as supported'
        else 'which is not among the OpenShift versions listed for RHOAI ' || m.rhoai || ' ('
             || array_to_string(m.ocp, ', ') || '). ' || m.label_note
    end as reason,
    false as absent
from o
cross join p
left join ref_support_matrix m on m.rhoai = p.rhoai_minor
where m.rhoai is null
   or not list_contains(m.ocp, o.ocp_minor)
   or vkey(o.v) < vkey(m.min_ocp)
union all
-- no readable OpenShift version at all: the pair cannot be checked
select 'ClusterVersion', null, 'version', (select file from clusterversions where name = 'version'),
       null, '(unknown)', p.rhoai_minor,
       'but that version is not readable from the bundle''s ClusterVersion, so the pair cannot be checked against the support matrix',
       not exists (select 1 from clusterversions where name = 'version')
from p
where not exists (select 1 from o)
order by name
