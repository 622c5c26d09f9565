-- The managementState of each DataScienceCluster component (the first DataScienceCluster by
-- name): every component its spec names plus every one the effort table reads; Managed,
-- Unmanaged, Removed, or absent when unset or unrecognised. No rows without a
-- DataScienceCluster.
with dsc as (select raw from datascienceclusters order by name limit 1),
names as (
    select unnest(json_keys(raw->'/spec/components')) as name from dsc
    union select unnest(dsc_components) from ref_effort where exists (select 1 from dsc)
)
select n.name,
       case lower(coalesce((select ((raw->'/spec/components')->n.name)->>'managementState'
                            from dsc), ''))
            when 'managed' then 'Managed' when 'unmanaged' then 'Unmanaged'
            when 'removed' then 'Removed' else 'absent' end as state
from names n
