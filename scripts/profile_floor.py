"""The floors of this design on this machine: what no tuning of the Python around them can beat.

Three measurements, each printed with how it was taken:

- ``--startup``: the interpreter alone, and the interpreter with the libraries ``analyze``
  cannot do without (duckdb, pyarrow, jinja2, click, PyYAML, orjson, rapidyaml) imported and
  nothing run. Whole processes, the best of ``--repeat``.
- ``--rules -- <analyze arguments>``: the real ``analyze`` in this process. Before each rule
  query, the same SQL is PREPAREd on the rule's cursor: DuckDB binds and optimizes it without
  running it. The planning CPU is set against the whole query's CPU (plan + run + fetch), per
  rule thread (``time.thread_time``).
- ``--ingest BUNDLE.tar.gz [--db ITS.duckdb]``: the work every ingest has to do, in one
  process, with no Python per object: the reader (read, sha256, inflate, tar framing),
  rapidyaml's parse of every YAML/JSON member (``managedFields`` removed on its tree, as the
  ingest drops them) and its JSON emission, then DuckDB's insert of exactly the ``objects`` rows
  the real ingest stored (read back from its database, ingested first when ``--db`` is not
  given) and the checkpoint. Its CPU over two cores is the wall floor of any ingest built on
  these parts; it is printed beside ``gzip -dc`` of the same file.

Usage::

    python scripts/profile_floor.py --startup
    python scripts/profile_floor.py --ingest bench-out/aws-x3.tar.gz
    python scripts/profile_floor.py --rules -- analyze sample_bundles/ready-to-migrate.tar.gz \
        --format json -o /tmp/r
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

NEEDED = "import duckdb, pyarrow, jinja2, click, yaml, orjson, ryml"


def _best(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True)
        times.append(time.perf_counter() - start)
    return min(times)


def startup(repeat: int) -> None:
    """Print the interpreter's start and the required imports, best of ``repeat``."""
    bare = _best([sys.executable, "-c", "pass"], repeat)
    libs = _best([sys.executable, "-c", NEEDED], repeat)
    print(f"interpreter alone: {bare:.3f} s; with `{NEEDED}`: {libs:.3f} s "
          f"(best of {repeat}, load average {os.getloadavg()[0]:.1f})")


def rules(argv: list[str]) -> None:
    """Run ``mgscan <argv>`` here, timing a PREPARE of each rule beside its real query."""
    from analyzer.cli import cli
    from analyzer.rules import runner

    original = runner.execute_rule
    per_rule: list[tuple[float, float, str]] = []

    def measured(con, rule, template=None):  # type: ignore[no-untyped-def]
        cur = con.cursor()
        start = time.thread_time()
        cur.execute("prepare mgscan_floor as " + rule.sql.strip().rstrip(";"))
        plan = time.thread_time() - start
        cur.close()
        start = time.thread_time()
        try:
            return original(con, rule, template)
        finally:
            per_rule.append((plan, time.thread_time() - start, rule.id))

    runner.execute_rule = measured
    with contextlib.suppress(SystemExit):
        cli.main(args=argv, prog_name="mgscan", standalone_mode=False)
    plan = sum(p for p, _, _ in per_rule)
    whole = sum(w for _, w, _ in per_rule)
    print(f"\n{len(per_rule)} rule queries: planning {plan:.3f} s CPU of {whole:.3f} s "
          f"({plan / whole:.0%}); per query median plan "
          f"{sorted(p for p, _, _ in per_rule)[len(per_rule) // 2] * 1000:.1f} ms", file=sys.stderr)
    top = sorted(per_rule, reverse=True)[:8]
    print("slowest to plan: " + ", ".join(f"{r} {p * 1000:.0f}/{w * 1000:.0f} ms"
                                          for p, w, r in top), file=sys.stderr)


def _strip_managed_fields(tree: Any) -> None:
    """Remove ``metadata.managedFields`` of every document and List item, as the ingest does."""
    import ryml

    root = tree.root_id()
    docs = [tree.child(root, i) for i in range(tree.num_children(root))] \
        if tree.is_stream(root) else [root]
    objects = []
    for doc in docs:
        if not tree.is_map(doc):
            continue
        objects.append(doc)
        items = tree.find_child(doc, b"items")
        if items != ryml.NONE and tree.is_seq(items):
            objects.extend(tree.child(items, i) for i in range(tree.num_children(items)))
    for node in objects:
        meta = tree.find_child(node, b"metadata") if tree.is_map(node) else ryml.NONE
        if meta != ryml.NONE and tree.is_map(meta):
            managed = tree.find_child(meta, b"managedFields")
            if managed != ryml.NONE:
                tree.remove(managed)


def _read_and_parse(bundle: Path) -> tuple[int, int, dict[str, float]]:
    """Read every YAML/JSON member, parse it and emit its JSON; CPU per step."""
    import ryml

    from analyzer.bundle import open_input
    from analyzer.ingest.classify import file_type
    from analyzer.ingest.yaml12 import _emit_json

    spent = {"read": 0.0, "parse": 0.0, "emit": 0.0}
    files = size = 0
    with open_input(bundle) as source:
        clock = time.process_time()
        for entry in source.entries():
            if entry.type != "file" or file_type(entry.path) not in ("yaml", "json"):
                continue
            with entry.stream() as fh:
                data = fh.read()
            now = time.process_time()
            spent["read"] += now - clock
            try:
                tree = ryml.parse_in_arena(data)
                _strip_managed_fields(tree)
            except Exception:  # noqa: BLE001 - a file rapidyaml refuses is not in the floor
                clock = time.process_time()
                spent["parse"] += clock - now
                continue
            mid = time.process_time()
            size += len(_emit_json(tree, tree.root_id()))
            clock = time.process_time()
            spent["parse"] += mid - now
            spent["emit"] += clock - mid
            files += 1
        spent["read"] += time.process_time() - clock
    return files, size, spent


def _insert(db: Path) -> tuple[int, float]:
    """Insert the ``objects`` rows of an ingested database into a new one, as the ingest does.

    The JSON columns go in as Arrow's JSON type, as the parser workers send them (DuckDB then
    does not parse them again); the schema is the ingest's own.
    """
    import duckdb
    import pyarrow as pa

    from analyzer.ingest.schema import create_tables
    from analyzer.ingest.worker import JSON_TYPE

    rows = duckdb.connect(str(db), read_only=True).sql("select * from objects").to_arrow_table()
    for name in ("labels", "annotations", "raw"):
        column = rows.column(name).combine_chunks()
        rows = rows.set_column(rows.schema.get_field_index(name), name,
                               pa.ExtensionArray.from_storage(JSON_TYPE, column))
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "floor.duckdb"))
        create_tables(con)
        start = time.process_time()
        for batch in rows.to_batches(max_chunksize=2000):
            con.register("batch", batch)
            con.execute("insert into objects select * from batch")
            con.unregister("batch")
        con.execute("checkpoint")
        spent = time.process_time() - start
        con.close()
    return rows.num_rows, spent


def ingest(bundle: Path, db: Path | None) -> None:
    """Time the irreducible chain of an ingest of ``bundle`` in this process."""
    start = time.perf_counter()
    subprocess.run(["sh", "-c", f"gzip -dc '{bundle}' > /dev/null"], check=True)
    gunzip = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        if db is None:  # the rows the real ingest stores
            db = Path(tmp) / "bundle.duckdb"
            subprocess.run([sys.executable, "-m", "analyzer", "ingest", str(bundle), "--db",
                            str(db)], check=True, capture_output=True)
        rows, insert = _insert(db)
    files, size, spent = _read_and_parse(bundle)
    total = sum(spent.values()) + insert
    print(f"{bundle.name}: {files:,} YAML/JSON files, {size / 1e6:.0f} MB of JSON emitted, "
          f"{rows:,} objects rows; gzip -dc {gunzip:.2f} s wall "
          f"(load average {os.getloadavg()[0]:.1f})")
    for name, cpu in (("reader: read, sha256, inflate, tar framing", spent["read"]),
                      ("rapidyaml parse (managedFields removed)", spent["parse"]),
                      ("JSON emission", spent["emit"]),
                      ("DuckDB insert of the objects rows + checkpoint", insert)):
        print(f"  {name:<48} {cpu:6.2f} s CPU")
    print(f"  {'chain':<48} {total:6.2f} s CPU; over 2 cores >= {total / 2:.2f} s wall "
          f"= {total / 2 / gunzip:.2f}x gzip -dc")


def main() -> None:
    """Parse the arguments and run the measurements asked for."""
    argv = sys.argv[1:]
    rest = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--startup", action="store_true", help="interpreter and required imports")
    ap.add_argument("--ingest", type=Path, help="a .tar.gz bundle: the ingest's chain floor")
    ap.add_argument("--db", type=Path, help="the ingested database of --ingest's bundle")
    ap.add_argument("--rules", action="store_true", help="plan vs run of the rules (after --)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    if args.startup:
        startup(args.repeat)
    if args.ingest:
        ingest(args.ingest, args.db)
    if args.rules:
        rules(rest)


if __name__ == "__main__":
    main()
