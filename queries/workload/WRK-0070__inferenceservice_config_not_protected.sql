/*---
id: WRK-0070
title: inferenceservice-config is not protected against model restarts during the upgrade
group: workload
severity: warning
aliases: [workloads.kserve.inferenceservice-config]
applies_to:
  source: ">=2.0,<3.0"
  target: ">=3.0"
requires: [datascienceclusters, configmaps]
component_state:
  component: kserve
  states: [Managed]
message: >-
  ConfigMap {{ namespace }}/inferenceservice-config: {{ problems_text }}. Without
  opendatahub.io/managed=false and both hardware-profile annotations in
  serviceAnnotationDisallowedList, models may restart during the upgrade to RHOAI 3.x.
remediation: |
  Annotate the ConfigMap `opendatahub.io/managed=false` and add
  `opendatahub.io/hardware-profile-name` and `opendatahub.io/hardware-profile-namespace` to
  `serviceAnnotationDisallowedList` in its `inferenceService` key (the vendor script
  `model-serving/before-upgrade/hardwareprofiles-ignorelist.sh` does both).
links:
  - {title: "Red Hat OpenShift AI Self-Managed documentation", url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/"}
effort: low
---*/
with c as (
    select
        cm.namespace, cm.name, cm.file, cm.input_id,
        cm.annotations ->> 'opendatahub.io/managed' as managed,
        cm.raw ->> '/data/inferenceService' as isvc_text
    from configmaps as cm
    join mgscan_params as p on cm.namespace = p.app_namespace
    where cm.name = 'inferenceservice-config'
),
l as (
    select
        c.*,
        case when json_valid(c.isvc_text) then
            coalesce(from_json(json(c.isvc_text) -> 'serviceAnnotationDisallowedList',
                               '["varchar"]'), [])
        end as disallowed
    from c
),
issues as (
    select
        l.*,
        list_filter([
            case when l.managed is null then 'annotation opendatahub.io/managed is missing'
                 when l.managed <> 'false'
                 then 'annotation opendatahub.io/managed is "' || l.managed || '", not "false"' end,
            case when l.isvc_text is null then 'data.inferenceService is missing'
                 when l.disallowed is null then 'data.inferenceService is not valid JSON' end,
            case when l.disallowed is not null
                  and not list_contains(l.disallowed, 'opendatahub.io/hardware-profile-name')
                 then 'serviceAnnotationDisallowedList lacks opendatahub.io/hardware-profile-name' end,
            case when l.disallowed is not null
                  and not list_contains(l.disallowed, 'opendatahub.io/hardware-profile-namespace')
                 then 'serviceAnnotationDisallowedList lacks opendatahub.io/hardware-profile-namespace' end
        ], lambda x: x is not null) as problems
    from l
)
select
    'ConfigMap' as kind,
    i.namespace,
    i.name,
    i.file as evidence_file,
    case when i.managed is null or i.managed <> 'false'
         then '/metadata/annotations/opendatahub.io~1managed'
         else '/data/inferenceService' end as evidence_pointer,
    -- the annotation as it is; the inferenceService JSON is long (the message says what it lacks)
    case when i.managed is null or i.managed <> 'false' then coalesce(i.managed, '(not set)')
         when i.isvc_text is null then '(not set)' end as observed,
    array_to_string(i.problems, '; ') as problems_text,
    i.input_id
from issues as i
where len(i.problems) > 0
order by i.namespace, i.name
