-- How many deduplicated resources of each (API group, kind) the bundle holds (the effort
-- table's object counts).
select "group", kind, count(*) as n from resources group by all
