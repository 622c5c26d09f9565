-- The Subscriptions of the operators mgscan knows (queries/_reference/operators.yaml), matched
-- by Subscription name or package: operator key and display name, Subscription name,
-- namespace and installed CSV.
select o.key, o.display, s.name, s.namespace, (s.raw->>'/status/installedCSV') as csv
from subscriptions s, ref_operators o
where list_contains(o.names, s.name) or list_contains(o.packages, (s.raw->>'/spec/name'))
