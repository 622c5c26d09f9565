-- ModelMesh runtime Deployments (modelmesh-serving-<runtime>, or labelled modelmesh-service)
-- outside the applications namespace, with the runtime each one serves; the controller
-- (modelmesh-controller) is not counted.
select namespace, name,
       coalesce(nullif(regexp_replace(name, '^modelmesh-serving-', ''), name),
                (labels->>'/name')) as runtime
from deployments
where ((labels->>'/modelmesh-service') is not null or name like 'modelmesh-serving-%')
  and name <> 'modelmesh-controller'
  and namespace not in (select app_namespace from cluster_facts)
