-- Objects carrying the Kueue queue label kueue.x-k8s.io/queue-name, counted per kind.
select kind, count(*) as n from resources
where (labels->>'/kueue.x-k8s.io~1queue-name') is not null
group by kind
