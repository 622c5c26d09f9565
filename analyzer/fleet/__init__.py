"""``mgscan fleet``: many bundles, one analysis per cluster, a Parquet dataset and an HTML view."""
