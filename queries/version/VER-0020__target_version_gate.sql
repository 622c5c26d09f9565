/*---
id: VER-0020
title: Target RHOAI version is not a supported migration target
group: version
severity: prohibited
aliases: []
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: []
message: >-
  Target RHOAI {{ observed }} {{ reason }}
remediation: |
  Migrate from RHOAI 2.25.4+ to the latest 3.3.z release (3.3.latest). RHOAI 3.3.2 was the
  first release that accepts a migration from 2.25; 3.3.0 and 3.3.1 refuse it. Other 3.x minors
  are not supported migration targets from 2.x: reach them by migrating to 3.3.latest first and
  then updating within 3.x. Re-run mgscan with `--target-version` set to the release you will
  actually install.
links:
  - {title: "Red Hat OpenShift AI Self-Managed life cycle", url: "https://access.redhat.com/support/policy/updates/rhoai-sm/lifecycle"}
effort: low
---*/
with p as (select target_version, vkey(target_version) as tv from mgscan_params)
select
    'RHOAI' as kind,
    null as namespace,
    'target-version' as name,
    null as evidence_file,
    null as evidence_pointer,
    p.target_version as observed,
    case when p.tv[1] = 3 and p.tv[2] = 3 then 'prohibited' else 'warning' end as severity,
    case
        when p.tv[1] = 3 and p.tv[2] = 3
            then 'cannot accept a migration from 2.x: 3.3.0 and 3.3.1 refuse it; target 3.3.latest (3.3.2 or later)'
        else 'is not a supported migration target from 2.x: only 3.3.latest (3.3.2 or later) is supported'
    end as reason
from p
where not (p.tv[1] = 3 and p.tv[2] = 3 and coalesce(p.tv[3], 0) >= 2)
order by observed
