/*---
id: COL-0070
title: Object names carry hidden control or bidi characters
group: collection
severity: info
severity_reason: >-
  Describes the bundle, not the upgrade: the names are shown escaped in every output, and the
  customer verifies the object (who created it, whether the bundle was altered), which does not
  change whether the cluster can upgrade.
aliases: []
upgrade_only: false
requires: []
message: >-
  {{ kind }} {{ name }} has control or bidirectional-text characters in its {{ field }}.
  They are invisible or reorder text on screen, so the name a reader sees can differ from the
  real one (spoofing); every report shows them as escapes such as \u202e.
remediation: |
  Check on the cluster whether this object is expected and who created it:

      oc get <kind> -A -o json | jq -r '.items[].metadata | select((.name + (.namespace // "")) | test("[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")) | [.namespace, .name] | @json'

  Kubernetes itself refuses such names for most kinds, so a bundle that carries them was
  altered after collection or holds an object created through a path that skips validation.
  Treat the bundle with care and collect it again if in doubt.
links:
  - {title: "Unicode Technical Report #36: Unicode Security Considerations (bidirectional text spoofing)", url: "https://www.unicode.org/reports/tr36/"}
effort: low
---*/
-- Info like every collection rule: a hidden character in a name is never noise (no real cluster
-- carries one: Kubernetes names are DNS labels or subdomains), but it says something about the
-- bundle, not about whether the cluster can upgrade.
with hidden as (
    select r.kind, r.namespace, r.name, r.file, r.input_id,
        case when regexp_matches(r.name, '[\x00-\x1f\x7f-\x{9f}\x{200b}-\x{200f}\x{2028}-\x{202e}\x{2060}-\x{2064}\x{2066}-\x{206f}\x{feff}]')
             then 'name' else 'namespace' end as field
    from resources as r
    where regexp_matches(coalesce(r.name, '') || coalesce(r.namespace, ''),
                         '[\x00-\x1f\x7f-\x{9f}\x{200b}-\x{200f}\x{2028}-\x{202e}\x{2060}-\x{2064}\x{2066}-\x{206f}\x{feff}]')
)
select h.kind, h.namespace, h.name, h.file as evidence_file,
       case when h.field = 'name' then '/metadata/name' else '/metadata/namespace' end
           as evidence_pointer,
       -- the name as it is (every report escapes the hidden characters)
       case when h.field = 'name' then h.name else h.namespace end as observed,
       h.field, h.input_id
from hidden as h
order by h.namespace, h.kind, h.name
