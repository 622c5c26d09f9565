-- Every OLM Subscription of the bundle: name, namespace, channel and installed CSV (the
-- inventory's operator list).
select name, namespace, (raw->>'/spec/channel') as channel,
       (raw->>'/status/installedCSV') as installed_csv
from subscriptions
