-- DataScienceCluster building blocks shared by the component checks.

-- One row per DSC component that has a managementState, with the JSON Pointer of that field.
-- A component without the field has no row here; the vendor treats it as Removed.
create or replace view mgscan_dsc_component_states as
with comps as (
    select d.name, d.file, d.input_id, unnest(json_keys(d.raw -> '/spec/components')) as component,
           d.raw -> '/spec/components' as spec
    from datascienceclusters as d
    where json_type(d.raw -> '/spec/components') = 'OBJECT'
)
select name, file, input_id, component,
       '/spec/components/' || component || '/managementState' as pointer,
       (spec -> ('$."' || component || '"')) ->> '$.managementState' as state
from comps
where ((spec -> ('$."' || component || '"')) ->> '$.managementState') is not null;

-- The finding rhai-cli's component checks report when there is no DataScienceCluster at all
-- (an advisory row, never a pass): one row, or none when a DSC exists. Rules add it with
-- `union all by name`.
create or replace view mgscan_no_dsc as
select 'DataScienceCluster' as kind, null::varchar as namespace, '(none)' as name,
       null::varchar as evidence_file, null::varchar as evidence_pointer,
       '(absent)' as observed, true as absent, 'warning' as severity
where not exists (select 1 from datascienceclusters);
