/*---
id: DEP-0020
title: OpenShift is older than 4.19.9, the minimum for RHOAI 3.x
group: dependency
severity: critical
aliases: [dependencies.openshift.version-requirement]
applies_to:
  target: ">=3.0"
requires: [clusterversions]
message: >-
  {{ reason }}
remediation: |
  Update OpenShift to 4.19.9 or later before migrating RHOAI; RHOAI 3.x relies on the Service
  Mesh v3 / Gateway API support embedded in OpenShift 4.19. From an older OpenShift this can be
  several EUS-to-EUS or minor updates; keep each hop on an OpenShift version that RHOAI 2.25
  supports.
links:
  - {title: "Updating OpenShift clusters", url: "https://docs.redhat.com/en/documentation/openshift_container_platform/4.19/html/updating_clusters/"}
effort: high
---*/
-- Like rhai-cli: .status.desired.version first, then .status.history[0].version.
with cv as (
    select file, name,
           raw ->> '/status/desired/version' as desired,
           raw ->> '/status/history/0/version' as history0
    from clusterversions
    where name = 'version'
),
v as (
    select cv.*, coalesce(nullif(desired, ''), nullif(history0, '')) as ocp
    from cv
)
select
    'ClusterVersion' as kind,
    null as namespace,
    v.name,
    v.file as evidence_file,
    -- the field the version was read from; neither set: the desired version, which is missing
    case when nullif(v.desired, '') is null and nullif(v.history0, '') is not null
         then '/status/history/0/version' else '/status/desired/version' end as evidence_pointer,
    case when nullif(v.desired, '') is null and nullif(v.history0, '') is not null then v.history0
         else coalesce(v.desired, '(not set)') end as observed,
    case when semver(v.ocp) is null
         then 'The OpenShift version could not be read from ClusterVersion ' || v.name
              || ' (no .status.desired.version or .status.history[0].version); RHOAI 3.3 needs 4.19.9 or later.'
         else 'OpenShift ' || v.ocp || ' does not meet the RHOAI 3.3 minimum of 4.19.9.'
    end as reason,
    false as absent
from v
where semver(v.ocp) is null or vkey(semver(v.ocp)) < vkey('4.19.9')
union all
-- the ClusterVersion kind was collected (or is known absent) but holds no 'version' object
select 'ClusterVersion', null, 'version', null, null, '(none)',
       'The OpenShift version could not be detected: the bundle has no ClusterVersion named version; RHOAI 3.3 needs 4.19.9 or later.',
       true
where not exists (select 1 from cv)
order by name
