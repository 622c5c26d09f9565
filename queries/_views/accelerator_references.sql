-- AcceleratorProfile references of InferenceServices and Notebooks, shared by WRK-0080 and
-- WRK-0190: annotation opendatahub.io/accelerator-name, profile namespace from
-- opendatahub.io/accelerator-profile-namespace (default: the applications namespace), and
-- whether that profile is in the bundle.
create or replace view mgscan_accelerator_refs as
with annotated as (
    select 'InferenceService' as kind, i.namespace, i.name, i.file, i.input_id, i.annotations
    from inferenceservices as i
    union all
    select 'Notebook', n.namespace, n.name, n.file, n.input_id, n.annotations
    from notebooks as n
),
refs as (
    select
        a.kind, a.namespace, a.name, a.file, a.input_id,
        a.annotations ->> 'opendatahub.io/accelerator-name' as profile_name,
        coalesce(nullif(a.annotations ->> 'opendatahub.io/accelerator-profile-namespace', ''),
                 p.app_namespace) as profile_namespace
    from annotated as a, mgscan_params as p
    where coalesce(a.annotations ->> 'opendatahub.io/accelerator-name', '') <> ''
)
select
    r.*,
    case when (select count(*) from acceleratorprofiles) = 0
             then 'existence unknown: AcceleratorProfiles not collected'
         when exists (select 1 from acceleratorprofiles as ap
                      where ap.namespace = r.profile_namespace and ap.name = r.profile_name)
             then 'profile exists'
         else 'profile missing' end as profile_status
from refs as r;
