-- One row about the bundle as a whole, for the notices: whether must-gather-clean left its
-- watermark.txt (an obfuscated bundle), how many DataScienceClusters were collected, and how
-- many data connections (dashboard connection Secrets; only annotations are read, never
-- values) it holds.
select
    exists(select 1 from files
           where path = 'watermark.txt' or path like '%/watermark.txt') as obfuscated,
    (select count(*) from datascienceclusters) as dscs,
    (select count(*) from secrets
      where (annotations->>'opendatahub.io/connection-type') is not null
         or (annotations->>'opendatahub.io/connection-type-ref') is not null) as data_connections
