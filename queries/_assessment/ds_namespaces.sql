-- Data-science namespaces: labelled opendatahub.io/dashboard=true, or holding an
-- InferenceService, a Notebook, a notebook StatefulSet or Pod, serving evidence or a ModelMesh
-- runtime Deployment.
select name from namespaces where (labels->>'/opendatahub.io~1dashboard') = 'true'
union select namespace from inferenceservices
union select namespace from notebooks
union select namespace from statefulsets
      where (raw->>'/spec/template/metadata/labels/notebook-name') is not null
union select namespace from pods where (labels->>'/notebook-name') is not null
union select namespace from asm_serving
union select namespace from asm_modelmesh
