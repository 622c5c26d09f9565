"""DuckDB table definitions and the per-kind views the rules query.

The table layout is the internal contract between ingest and rules (docs/architecture.md §2).
"""

from __future__ import annotations

import duckdb

TABLES_DDL = """
create table if not exists meta (key varchar primary key, value varchar);
create table if not exists inputs (
    input_id integer, path varchar, sha256 varchar, format varchar, size bigint);
create table if not exists roots (
    root_id integer, input_id integer, path varchar, kind varchar, image varchar,
    product varchar, version varchar, parent_root_id integer, ts_first varchar, ts_last varchar);
create table if not exists files (
    input_id integer, root_id integer, path varchar, size bigint, type varchar,
    parse_status varchar, objects integer);
create table if not exists objects (
    object_id bigint, input_id integer, root_id integer, file varchar, doc integer,
    item integer, api_version varchar, "group" varchar, version varchar, kind varchar,
    namespace varchar, name varchar, uid varchar, resource_version varchar,
    labels json, annotations json, raw json, is_copied_csv boolean,
    had_managed_fields boolean);
create table if not exists logs (
    input_id integer, root_id integer, path varchar, namespace varchar, pod varchar,
    container varchar, log_type varchar, bytes bigint, gzip boolean, first_ts varchar,
    last_ts varchar);
create table if not exists ingest_errors (
    input_id integer, file varchar, error varchar, count integer);
create table if not exists discovery (
    root_id integer, "group" varchar, version varchar, resource varchar, kind varchar,
    scope varchar);
"""

# Deduplicate: one row per (group, kind, namespace, name). Copied CSVs never win and are not
# resources of their namespace. Winner: highest numeric resourceVersion (the cluster's etcd
# revision, so the newest collection of one cluster), then the root collected last, then an
# object that came from its own file rather than a list, then the lowest object_id (first seen).
RESOURCES_SQL = """
create or replace table resource_winners as
with ranked as (
    select o.object_id,
        dense_rank() over (order by o."group", o.kind, coalesce(o.namespace, ''), o.name)
            as resource_id,
        row_number() over (
            partition by o."group", o.kind, coalesce(o.namespace, ''), o.name
            order by try_cast(o.resource_version as hugeint) desc nulls last,
                     r.ts_last desc nulls last, (o.item is not null), o.object_id
        ) as rn,
        count(*) over (partition by o."group", o.kind, coalesce(o.namespace, ''), o.name)
            as sources
    from objects o left join roots r on r.root_id = o.root_id
    where not o.is_copied_csv and o.name is not null and o.kind is not null
)
select resource_id, object_id, sources from ranked where rn = 1;

create or replace table object_sources as
select w.resource_id, o.object_id, o.input_id, o.root_id, o.file, o.doc, o.item
from objects o
join objects wo
  on o."group" = wo."group" and o.kind = wo.kind
 and coalesce(o.namespace, '') = coalesce(wo.namespace, '') and o.name = wo.name
join resource_winners w on w.object_id = wo.object_id
where not o.is_copied_csv
order by w.resource_id, o.object_id;
"""

RESOURCES_VIEW_SQL = """
create or replace view resources as
select w.resource_id, o.*, w.sources
from resource_winners w join objects o using (object_id);
"""

# view name -> (group, kind). Group '' is the core API group.
KIND_VIEWS: dict[str, tuple[str, str]] = {
    "clusterversions": ("config.openshift.io", "ClusterVersion"),
    "clusteroperators": ("config.openshift.io", "ClusterOperator"),
    "infrastructures": ("config.openshift.io", "Infrastructure"),
    "namespaces": ("", "Namespace"),
    "nodes": ("", "Node"),
    "configmaps": ("", "ConfigMap"),
    "secrets": ("", "Secret"),
    "pods": ("", "Pod"),
    "services": ("", "Service"),
    "persistentvolumeclaims": ("", "PersistentVolumeClaim"),
    "deployments": ("apps", "Deployment"),
    "statefulsets": ("apps", "StatefulSet"),
    "replicasets": ("apps", "ReplicaSet"),
    "daemonsets": ("apps", "DaemonSet"),
    "jobs": ("batch", "Job"),
    "cronjobs": ("batch", "CronJob"),
    "routes": ("route.openshift.io", "Route"),
    "imagestreams": ("image.openshift.io", "ImageStream"),
    "imagestreamtags": ("image.openshift.io", "ImageStreamTag"),
    "crds": ("apiextensions.k8s.io", "CustomResourceDefinition"),
    "mutatingwebhookconfigurations": (
        "admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
    "subscriptions": ("operators.coreos.com", "Subscription"),
    "csvs": ("operators.coreos.com", "ClusterServiceVersion"),
    "installplans": ("operators.coreos.com", "InstallPlan"),
    "operatorgroups": ("operators.coreos.com", "OperatorGroup"),
    "packagemanifests": ("packages.operators.coreos.com", "PackageManifest"),
    "datascienceclusters": ("datasciencecluster.opendatahub.io", "DataScienceCluster"),
    "dscinitializations": ("dscinitialization.opendatahub.io", "DSCInitialization"),
    "notebooks": ("kubeflow.org", "Notebook"),
    "pytorchjobs": ("kubeflow.org", "PyTorchJob"),
    "inferenceservices": ("serving.kserve.io", "InferenceService"),
    "servingruntimes": ("serving.kserve.io", "ServingRuntime"),
    "llminferenceservices": ("serving.kserve.io", "LLMInferenceService"),
    "acceleratorprofiles": ("dashboard.opendatahub.io", "AcceleratorProfile"),
    "dashboard_hardwareprofiles": ("dashboard.opendatahub.io", "HardwareProfile"),
    "hardwareprofiles": ("infrastructure.opendatahub.io", "HardwareProfile"),
    "odhdashboardconfigs": ("opendatahub.io", "OdhDashboardConfig"),
    "rayclusters": ("ray.io", "RayCluster"),
    "rayjobs": ("ray.io", "RayJob"),
    "appwrappers": ("workload.codeflare.dev", "AppWrapper"),
    "dspas": (
        "datasciencepipelinesapplications.opendatahub.io", "DataSciencePipelinesApplication"),
    "guardrailsorchestrators": ("trustyai.opendatahub.io", "GuardrailsOrchestrator"),
    "trustyaiservices": ("trustyai.opendatahub.io", "TrustyAIService"),
    "llamastackdistributions": ("llamastack.io", "LlamaStackDistribution"),
    "kuadrants": ("kuadrant.io", "Kuadrant"),
    "authorinos": ("operator.authorino.kuadrant.io", "Authorino"),
    "localqueues": ("kueue.x-k8s.io", "LocalQueue"),
    "clusterqueues": ("kueue.x-k8s.io", "ClusterQueue"),
    "knative_services": ("serving.knative.dev", "Service"),
    "knativeservings": ("operator.knative.dev", "KnativeServing"),
    "servicemeshcontrolplanes": ("maistra.io", "ServiceMeshControlPlane"),
    "servicemeshmemberrolls": ("maistra.io", "ServiceMeshMemberRoll"),
    "servicemeshmembers": ("maistra.io", "ServiceMeshMember"),
    "knativeeventings": ("operator.knative.dev", "KnativeEventing"),
    "trainjobs": ("trainer.kubeflow.org", "TrainJob"),
    "clusterautoscalers": ("autoscaling.openshift.io", "ClusterAutoscaler"),
    "roles": ("rbac.authorization.k8s.io", "Role"),
    "ogxservers": ("ogx.io", "OGXServer"),
    "variantautoscalings": ("llmd.ai", "VariantAutoscaling"),
}


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every ingest table (idempotent)."""
    con.execute(TABLES_DDL)


def create_resources(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the deduplicated ``resources`` and ``object_sources`` tables from ``objects``."""
    con.execute(RESOURCES_SQL)


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``resources``, the per-kind views over it and the ``cluster_facts`` view."""
    con.execute(RESOURCES_VIEW_SQL)
    for view, (group, kind) in sorted(KIND_VIEWS.items()):
        con.execute(
            f"create or replace view {view} as select * from resources "
            f"where \"group\" = '{group}' and kind = '{kind}'"
        )
    from analyzer.ingest.facts import CLUSTER_FACTS_SQL

    con.execute(CLUSTER_FACTS_SQL)


def create_empty_database(con: duckdb.DuckDBPyConnection) -> None:
    """Create the full schema with no rows (for rule tests and SQL validation)."""
    create_tables(con)
    create_resources(con)
    create_views(con)
