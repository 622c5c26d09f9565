-- One row of counts and states the exposure class reads besides the inventory:
-- LLMInferenceServices, ServiceMeshControlPlanes, LlamaStackDistributions, namespaces labelled
-- Kueue-managed, and the serviceMesh managementState of the first DSCInitialization.
select
    (select count(*) from llminferenceservices) as llm_isvcs,
    (select count(*) from servicemeshcontrolplanes) as smcps,
    (select count(*) from llamastackdistributions) as llamastacks,
    (select count(*) from namespaces
      where (labels->>'/kueue-managed') = 'true'
         or (labels->>'/kueue.openshift.io~1managed') = 'true') as kueue_namespaces,
    (select (raw->>'/spec/serviceMesh/managementState') from dscinitializations
      order by name limit 1) as mesh_state
