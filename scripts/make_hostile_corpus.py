"""Generate the hostile-input corpus: broken, malicious and gigantic bundles, with a manifest.

Usage: ``python scripts/make_hostile_corpus.py OUT_DIR``

Every case is built deterministically (fixed mtimes, seeded pseudo-random bytes) into
``OUT_DIR/<case>/`` and described in ``OUT_DIR/manifest.json``:

``{"name", "class", "input", "expect", "contains", "limits", "min_objects", "forbidden",
"absent", "why"}`` where ``expect`` is one of

- ``parsed``: the ingest finishes; at least ``min_objects`` objects; if ``contains`` is set an
  ``ingest_errors`` row contains it (e.g. a note), and no row contains any of ``absent``;
- ``error`` / ``limit``: an ``ingest_errors`` row contains ``contains`` (limits say "limit");
- ``bad_input``: ``BadInputError`` is raised and its message contains ``contains``.

``max_errors`` (optional) caps the ``ingest_errors`` rows of a case: a flood of identical
errors must stay a few example rows plus one counted row.

``limits`` overrides fields of ``analyzer.limits.Limits`` so bombs trip small limits quickly;
``forbidden`` strings must appear nowhere in the DuckDB file (Secret values, tokens).
Nothing here is committed as a binary: CI rebuilds the corpus in a temporary directory.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import random
import sys
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

MiB = 1024 * 1024
SENTINEL = "mgscan-hostile-sentinel"  # a name no case may ever create on disk
SECRET_VALUES = ["hunter2-planted-password", "eyJhbGciOiJSUzI1NiJ9.planted-sa-token",
                 "planted-stringdata-value", "planted-last-applied-value",
                 "planted-token-secret-value"]
BOMB_LIMITS = {"max_ratio": 50, "ratio_floor": 1 * MiB}

Case = dict[str, Any]


def configmap(name: str, ns: str = "hostile", payload: str = "") -> bytes:
    """A small valid ConfigMap (the 'the rest of the run still works' witness)."""
    return (f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n"
            f"  namespace: {ns}\n  resourceVersion: \"1\"\ndata:\n  k: \"{payload}\"\n").encode()


def noise(seed: int, n: int) -> str:
    """Deterministic hex noise so compressed streams are not trivially tiny."""
    rnd = random.Random(seed)
    return "".join(rnd.choice("0123456789abcdef") for _ in range(n))


def random_bytes(seed: int, n: int, nul: bool = True) -> bytes:
    """Deterministic random bytes (without NUL when ``nul`` is False)."""
    rnd = random.Random(seed)
    return bytes(rnd.randrange(0 if nul else 1, 256) for _ in range(n))


class Zeros(io.RawIOBase):
    """A lazy stream of ``n`` zero bytes (bomb payloads are never held in memory)."""

    def __init__(self, n: int) -> None:
        self.left = n

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        k = min(len(buf), self.left, 1 << 20)
        buf[:k] = bytes(k)
        self.left -= k
        return k


def tar_bytes(members: list[tuple[str, Any]], fmt: int = tarfile.GNU_FORMAT) -> bytes:
    """Build a tar in memory. A member is (name, bytes | Zeros-size int | TarInfo tweak)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=fmt, encoding="utf-8",
                      errors="surrogateescape") as tf:
        for name, body in members:
            ti = tarfile.TarInfo(name)
            ti.mtime = 0
            ti.mode = 0o644
            if isinstance(body, bytes):
                ti.size = len(body)
                tf.addfile(ti, io.BytesIO(body))
            elif isinstance(body, int):
                ti.size = body
                tf.addfile(ti, io.BufferedReader(Zeros(body)))
            else:  # a callable that edits the TarInfo (links, devices, directories)
                body(ti)
                tf.addfile(ti)
    return out.getvalue()


def gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


def zip_bytes(members: list[tuple[str | zipfile.ZipInfo, bytes | int]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members:
            zi = (name if isinstance(name, zipfile.ZipInfo)
                  else zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)))
            zi.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(body, int):
                with zf.open(zi, "w", force_zip64=True) as fh:
                    chunk = bytes(1 << 20)
                    for _ in range(body // len(chunk)):
                        fh.write(chunk)
            else:
                zf.writestr(zi, body)
    return out.getvalue()


def good_bundle(n: int = 24) -> bytes:
    """A small inspect tree as a tar: n ConfigMaps with noisy payloads, one log."""
    members: list[tuple[str, Any]] = [
        ("mg/namespaces/hostile/core/configmaps/" + f"cm{i:02d}.yaml",
         configmap(f"cm{i:02d}", payload=noise(i, 3000))) for i in range(n)]
    members.append(("mg/namespaces/hostile/pods/p/c/c/logs/current.log",
                    b"2026-01-01T00:00:00Z hello\n2026-01-01T00:00:05Z bye\n"))
    return tar_bytes(members)


def _patch_central(data: bytes, field_offset: int, value: int, width: int = 4) -> bytes:
    """Overwrite a little-endian field of the first central-directory header of a zip."""
    pos = data.index(b"PK\x01\x02")
    buf = bytearray(data)
    buf[pos + field_offset:pos + field_offset + width] = value.to_bytes(width, "little")
    return bytes(buf)


def _symlink(target: str) -> Callable[[tarfile.TarInfo], None]:
    def edit(ti: tarfile.TarInfo) -> None:
        ti.type, ti.linkname = tarfile.SYMTYPE, target
    return edit


def _hardlink(target: str) -> Callable[[tarfile.TarInfo], None]:
    def edit(ti: tarfile.TarInfo) -> None:
        ti.type, ti.linkname = tarfile.LNKTYPE, target
    return edit


def _device(kind: bytes) -> Callable[[tarfile.TarInfo], None]:
    def edit(ti: tarfile.TarInfo) -> None:
        ti.type, ti.devmajor, ti.devminor = kind, 1, 3
    return edit


def _secret_dump() -> bytes:
    import base64

    def b64(s: str) -> str:
        return base64.b64encode(s.encode()).decode()

    last_applied = json.dumps({"apiVersion": "v1", "kind": "Secret",
                               "data": {"password": b64(SECRET_VALUES[3])}})
    doc = {
        "apiVersion": "v1", "kind": "List", "items": [
            {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
             "metadata": {"name": "db", "namespace": "hostile", "annotations": {
                 "kubectl.kubernetes.io/last-applied-configuration": last_applied}},
             "data": {"password": b64(SECRET_VALUES[0])},
             "stringData": {"extra": SECRET_VALUES[2]}},
            {"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/service-account-token",
             "metadata": {"name": "sa-token", "namespace": "hostile", "annotations": {
                 "openshift.io/token-secret.value": SECRET_VALUES[4]}},
             "data": {"token": b64(SECRET_VALUES[1])}},
        ]}
    return json.dumps(doc, indent=2).encode()


def _laughs(levels: int = 9) -> bytes:
    lines = ["apiVersion: v1", "kind: ConfigMap", "metadata: {name: lol}", "data:",
             "  a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
    prev = "a"
    for i in range(1, levels):
        cur = chr(ord("a") + i)
        lines.append(f"  {cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = cur
    return ("\n".join(lines) + "\n").encode()


def _yaml_cases() -> list[tuple[str, bytes, str, str, dict[str, int]]]:
    """(name, body, expect, contains, limits) for single structured files."""
    deep_block = "".join(" " * i + f"k{i}:\n" for i in range(1100)).encode()
    return [
        ("yaml_billion_laughs", _laughs(), "error", "alias bomb", {}),
        ("yaml_billion_laughs_tabbed", _laughs() + b"\tbroken: [\n", "error", "alias bomb", {}),
        ("yaml_deep_flow", b"[" * 200_000, "error", "nest", {}),
        ("json_deep_objects", b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "error", "nest", {}),
        ("yaml_deep_block", deep_block, "error", "nest", {}),
        ("yaml_deep_block_128", "".join("  " * i + f"k{i}:\n" for i in range(200)).encode(),
         "error", "nesting deeper than 128", {}),
        ("yaml_huge_scalar", b"a: " + b"x" * (3 * MiB) + b"\n", "limit", "byte limit",
         {"max_file_size": MiB}),
        ("yaml_duplicate_keys", configmap("dup") + b"metadata:\n  name: dup2\n", "parsed", "", {}),
        ("yaml_python_tags", (
            b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tags}\ndata:\n"
            b"  a: !!python/object/apply:os.system ['touch /tmp/" + SENTINEL.encode() + b"']\n"
            b"  b: !!python/name:os.system\n  c: !!binary aGVsbG8=\n"), "parsed", "", {}),
        ("yaml_python_tags_slowpath", (
            b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: &n tags2}\ndata:\n"
            b"  a: !!python/object/apply:os.system ['touch /tmp/" + SENTINEL.encode() + b"']\n"
            b"  b: *n\n"), "parsed", "", {}),
        ("yaml_invalid_utf8", configmap("badutf8", payload="x") + b"  z: \"\xff\xfe\xc3\"\n",
         "parsed", "invalid UTF-8", {}),
        ("yaml_bom", b"\xef\xbb\xbf" + configmap("bom"), "parsed", "", {}),
        ("yaml_crlf", configmap("crlf").replace(b"\n", b"\r\n"), "parsed", "", {}),
        ("yaml_tabs", b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabs\n", "error",
         "line 4", {}),  # a tab where indentation belongs: reported with its line
        ("yaml_empty_documents", b"---\n---\n\n---\n", "parsed", "", {}),
        ("yaml_truncated", configmap("trunc") + b"  more: \"unterminated\n", "parsed",
         "truncated", {}),
        ("yaml_utf16", configmap("utf16").decode().encode("utf-16"), "error", "binary", {}),
        ("yaml_binary", random_bytes(7, 4096), "error",
         "binary", {}),
        ("yaml_nul_bytes", b"apiVersion: v1\nkind: ConfigMap\x00\x00\n", "error", "binary", {}),
        ("yaml_too_many_docs", b"".join(configmap(f"d{i}") for i in range(300)), "error",
         "more than 100", {"max_docs": 100}),
        ("yaml_non_string_keys", b"apiVersion: v1\nkind: ConfigMap\nmetadata: {name: &n keys}\n"
         b"data: {1: a, true: b, null: c, 1.5: d}\n", "parsed", "", {}),
        ("json_truncated", b'{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"na',
         "error", "", {}),
    ]


def build_corpus(out: Path) -> list[Case]:
    """Write every case under ``out`` and return the manifest entries (also saved)."""
    out.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(name: str, cls: str, files: dict[str, bytes], expect: str, contains: str = "",
            input_name: str | None = None, **extra: Any) -> None:
        base = out / name
        base.mkdir(exist_ok=True)
        for rel, body in files.items():
            p = base / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(body)
        case: Case = {"name": name, "class": cls, "expect": expect, "contains": contains,
                      "input": f"{name}/{input_name}" if input_name else name,
                      "limits": {}, "min_objects": 0, "forbidden": [], "absent": []}
        case.update(extra)
        cases.append(case)

    ok = configmap("witness")
    # --- archive members -------------------------------------------------------------------
    evil = f"/tmp/{SENTINEL}.yaml"
    add("tar_absolute_path", "archive", {"b.tar": tar_bytes([(evil, ok), ("mg/ok.yaml", ok)])},
        "error", "unsafe member", "b.tar", min_objects=1)
    add("tar_dotdot", "archive", {"b.tar": tar_bytes([
        (f"../{SENTINEL}.yaml", ok), (f"mg/../../{SENTINEL}.yaml", ok), ("mg/ok.yaml", ok)])},
        "error", "'..' component", "b.tar", min_objects=1)
    add("tar_symlink_out", "archive", {"b.tar.gz": gz(tar_bytes([
        ("mg/passwd.yaml", _symlink("/etc/passwd")), ("mg/up.yaml", _symlink("../../..")),
        ("mg/ok.yaml", ok)]))}, "error", "symlink skipped", "b.tar.gz", min_objects=1)
    add("tar_hardlink_out", "archive", {"b.tar": tar_bytes([
        ("mg/shadow.yaml", _hardlink("/etc/shadow")), ("mg/ok.yaml", ok)])},
        "error", "hardlink skipped", "b.tar", min_objects=1)
    add("tar_devices", "archive", {"b.tar": tar_bytes([
        ("mg/null.yaml", _device(tarfile.CHRTYPE)), ("mg/blk.yaml", _device(tarfile.BLKTYPE)),
        ("mg/fifo.yaml", _device(tarfile.FIFOTYPE)), ("mg/ok.yaml", ok)])},
        "error", "special file", "b.tar", min_objects=1)
    add("tar_duplicate_names", "archive", {"b.tar": tar_bytes([
        ("mg/ok.yaml", ok), ("mg/ok.yaml", configmap("witness2"))])},
        "parsed", "", "b.tar", min_objects=2)
    add("tar_awkward_names", "archive", {"b.tar": tar_bytes([
        ("mg/cluster-scoped-resources/rbac/clusterroles/system:registry.yaml", ok),
        ("mg/new\nline.yaml", configmap("nl")), ("mg/bad\udcff\udcfebytes.yaml", configmap("nu")),
        ("mg/" + "d" * 200 + "/" + "e" * 200 + ".yaml", configmap("long"))])},
        "parsed", "", "b.tar", min_objects=4)
    add("tar_too_many_members", "archive", {"b.tar": tar_bytes([
        (f"mg/cm{i}.yaml", configmap(f"m{i}")) for i in range(30)])},
        "limit", "too many archive members", "b.tar", limits={"max_members": 10}, min_objects=5)
    add("tar_empty_name", "archive", {"b.tar": tar_bytes([("./", ok), ("mg/ok.yaml", ok)])},
        "error", "empty member name", "b.tar", min_objects=1)
    add("tar_name_too_long", "archive", {"b.tar": tar_bytes([
        ("mg/" + "x/" * 3000 + "a.yaml", ok), ("mg/ok.yaml", ok)])},
        "error", "longer than", "b.tar", min_objects=1)
    # --- decompression bombs (small limits so CI stays fast) --------------------------------
    bomb = 24 * MiB
    add("bomb_tar_gz_ratio", "bomb", {"b.tar.gz": gz(tar_bytes([
        ("mg/ok.yaml", ok), ("mg/ns/pods/p/c/c/logs/current.log", bomb)]))},
        "limit", "ratio", "b.tar.gz", limits=BOMB_LIMITS, min_objects=1)
    add("bomb_tar_xz_total", "bomb", {"b.tar.xz": lzma.compress(tar_bytes([
        ("mg/ok.yaml", ok), ("mg/zeros.log", bomb)]))},
        "limit", "max-total-size", "b.tar.xz", limits={"max_total_size": 8 * MiB}, min_objects=1)
    add("bomb_zip_member", "bomb",
        {"b.zip": zip_bytes([("mg/ok.yaml", ok), ("mg/zeros.yaml", bomb)])},
        "limit", "ratio", "b.zip", limits=BOMB_LIMITS, min_objects=1)
    add("bomb_nested_archive", "bomb", {"b.tar": tar_bytes([
        ("mg/ok.yaml", ok), ("mg/insights-data/inner.tar.gz", gz(tar_bytes([("z.log", bomb)])))])},
        "parsed", "", "b.tar", limits=BOMB_LIMITS, min_objects=1, absent=["limit"])
    add("bomb_double_gzip", "bomb", {"b.tar.gz.gz": gz(gz(tar_bytes([("z.log", bomb)])))},
        "bad_input", "unrecognised", "b.tar.gz.gz", limits=BOMB_LIMITS)
    add("bomb_yaml_dump_gz", "bomb", {"dump.yaml.gz": gz(b"a: " + b"x" * (4 * MiB))},
        "limit", "byte limit", "dump.yaml.gz", limits={"max_file_size": MiB})
    # --- truncated and corrupt streams -----------------------------------------------------
    good = good_bundle()
    tgz = gz(good)
    add("truncated_gzip", "truncated", {"b.tar.gz": tgz[: len(tgz) * 6 // 10]},
        "error", "truncated or corrupt", "b.tar.gz", min_objects=1)
    txz = lzma.compress(good)
    add("truncated_xz", "truncated", {"b.tar.xz": txz[: len(txz) * 6 // 10]},
        "error", "truncated or corrupt", "b.tar.xz")
    tbz = bz2.compress(good)
    add("truncated_bz2", "truncated", {"b.tar.bz2": tbz[: len(tbz) * 6 // 10]},
        "bad_input", "truncated or corrupt", "b.tar.bz2",
        why="a bzip2 block yields nothing until complete: no tar header can be seen")
    add("truncated_tar", "truncated", {"b.tar": good[: len(good) // 2 + 100]},
        "error", "truncated or corrupt", "b.tar", min_objects=1)
    corrupt = bytearray(tgz)
    for i in range(len(corrupt) // 2, len(corrupt) // 2 + 64):
        corrupt[i] ^= 0x5A
    add("corrupt_gzip_middle", "truncated", {"b.tar.gz": bytes(corrupt)},
        "error", "truncated or corrupt", "b.tar.gz", min_objects=1)
    zgood = zip_bytes([(f"mg/cm{i}.yaml", configmap(f"z{i}", payload=noise(i, 500)))
                       for i in range(6)])
    add("truncated_zip", "truncated", {"b.zip": zgood[: len(zgood) * 7 // 10]},
        "error", "unreadable zip", "b.zip")
    add("zip_bad_crc", "zip", {"b.zip": _patch_central(zgood, 16, 0xDEADBEEF)},
        "error", "CRC", "b.zip", min_objects=5)
    add("zip_size_too_small", "zip", {"b.zip": _patch_central(zgood, 24, 10)},
        "error", "unreadable", "b.zip", min_objects=5)
    add("zip_size_too_large", "zip", {"b.zip": _patch_central(zgood, 24, 9_999_999)},
        "parsed", "", "b.zip", min_objects=6,
        why="the deflate stream ends first and its CRC matches: the data is intact")
    add("zip_encrypted_member", "zip", {"b.zip": _patch_central(zgood, 8, 1, width=2)},
        "error", "encrypted", "b.zip", min_objects=5)
    add("zip_unsupported_version", "zip", {"b.zip": _patch_central(zgood, 6, 105, width=2)},
        "error", "unreadable zip", "b.zip")
    link = zipfile.ZipInfo("mg/link.yaml", (1980, 1, 1, 0, 0, 0))
    link.external_attr = 0o120777 << 16
    add("zip_unsafe_members", "zip", {"b.zip": zip_bytes([
        (f"/tmp/{SENTINEL}.yaml", ok), (f"../{SENTINEL}.yaml", ok), (link, b"/etc/passwd"),
        ("C:/evil.yaml", ok), ("mg/ok.yaml", ok)])}, "error", "unsafe member", "b.zip",
        min_objects=1)
    add("zip_is_really_tgz", "format", {"b.zip": tgz}, "parsed", "", "b.zip", min_objects=24)
    # --- split parts -------------------------------------------------------------------------
    third = len(tgz) // 3
    parts = {f"b.tar.gz-0{i}": tgz[i * third:(i + 1) * third if i < 2 else None]
             for i in range(3)}
    add("split_out_of_order", "split", parts, "parsed", "", "b.tar.gz-02", min_objects=24)
    add("split_missing_part", "split", {k: v for k, v in parts.items() if not k.endswith("1")},
        "bad_input", "missing part", "b.tar.gz-00")
    add("split_alpha_missing_last", "split", {"b.tgz.partaa": tgz[:third],
                                              "b.tgz.partab": tgz[third:2 * third]},
        "error", "truncated or corrupt", "b.tgz.partab")
    # --- whole inputs that are not bundles ---------------------------------------------------
    add("input_random_bytes", "format", {"x.bin": random_bytes(3, 2048, nul=False)},
        "bad_input", "unrecognised", "x.bin")
    add("input_empty_file", "format", {"x.yaml": b""}, "bad_input", "empty", "x.yaml")
    add("input_truncated_gzip_header", "format", {"x.gz": b"\x1f\x8b\x08"}, "bad_input",
        "truncated or corrupt", "x.gz")
    # --- structured files (each beside a witness in a directory bundle) ---------------------
    for name, body, expect, contains, limits in _yaml_cases():
        add(name, "yaml", {"mg/namespaces/hostile/core/configmaps/case.yaml": body,
                           "mg/namespaces/hostile/core/configmaps/witness.yaml": ok},
            expect, contains, limits=limits, min_objects=1)
    add("secret_dump", "secret", {"secrets.json": _secret_dump()}, "parsed", "", "secrets.json",
        min_objects=2, forbidden=SECRET_VALUES)
    add("secret_dump_in_bundle", "secret", {"b.tar.gz": gz(tar_bytes([
        ("mg/namespaces/hostile/core/secrets.yaml", _secret_dump())]))}, "parsed", "",
        "b.tar.gz", min_objects=2, forbidden=SECRET_VALUES)
    _reader_cases(add, ok)
    _dir_specials(out, add, ok)
    _secret_tag_cases(add)
    (out / "manifest.json").write_text(json.dumps(cases, indent=1, sort_keys=True) + "\n")
    return cases


# --- bounded cost, no data lost, limits, floods (issue 9 §4-5, issue 16 §2-3, §5) -----------
def tar_header(name: str, size: int, typeflag: bytes = b"0",
               raw_size: bytes | None = None) -> bytes:
    """One raw 512-byte ustar header (any declared size, any type), checksum fixed up."""
    block = bytearray(512)
    block[0:len(name.encode())] = name.encode()
    block[100:108] = b"0000644\0"
    block[108:116] = block[116:124] = b"0000000\0"
    block[124:136] = raw_size if raw_size is not None else (b"%011o\0" % size)
    block[136:148] = b"00000000000\0"
    block[156:157] = typeflag
    block[257:265] = b"ustar\x0000"
    block[148:156] = b" " * 8
    block[148:156] = b"%06o\0 " % sum(block)
    return bytes(block)


def tar_member(name: str, body: bytes, typeflag: bytes = b"0") -> bytes:
    """A raw header plus its body padded to whole blocks."""
    return tar_header(name, len(body), typeflag) + body + bytes(-len(body) % 512)


def pax_records(items: list[tuple[str, str]]) -> bytes:
    """Encode pax records (``"%d %s=%s\\n"`` with the self-including length)."""
    out = []
    for key, value in items:
        rec = f" {key}={value}\n".encode()
        n = len(rec) + 1
        while len(str(n).encode()) + len(rec) != n:
            n += 1
        out.append(str(n).encode() + rec)
    return b"".join(out)


def gzip_all_header_fields(data: bytes, extra: int = 40_000) -> bytes:
    """A valid gzip member with FTEXT, FHCRC, FEXTRA (crossing 32 KiB), FNAME and FCOMMENT."""
    import struct
    import zlib
    sub = b"MG" + struct.pack("<H", extra - 4) + random_bytes(11, extra - 4)
    head = (b"\x1f\x8b\x08" + bytes([0x01 | 0x02 | 0x04 | 0x08 | 0x10]) + b"\0\0\0\0\x00\x03"
            + struct.pack("<H", len(sub)) + sub + b"bundle.tar\0" + b"a comment \xe9\0")
    head += struct.pack("<H", zlib.crc32(head) & 0xFFFF)
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = comp.compress(data) + comp.flush()
    return head + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


def gz_parts(parts: list[bytes | int]) -> bytes:
    """One gzip member over ``parts`` (bytes, or an int: that many zero bytes, never held)."""
    import zlib
    comp = zlib.compressobj(1, zlib.DEFLATED, 31)
    out = []
    zeros = bytes(MiB)
    for part in parts:
        if isinstance(part, int):
            for _ in range(part // MiB):
                out.append(comp.compress(zeros))
            out.append(comp.compress(bytes(part % MiB)))
        else:
            out.append(comp.compress(part))
    return b"".join(out) + comp.flush()


def _halves(data: bytes) -> tuple[bytes, bytes]:
    cut = len(data) // 2
    return data[:cut], data[cut:]


def _nested_namespaces(depth: int, chains: int) -> list[tuple[str, bytes]]:
    members = []
    for c in range(chains):
        path = f"mg{c}"
        for level in range(depth):
            path += f"/namespaces/n{level}"
            members.append((f"{path}/core/configmaps.yaml", configmap(f"c{c}l{level}")))
    return members


def _reader_cases(add: Callable[..., None], ok: bytes) -> None:
    """Cases for bounded cost, lossless reading, what limits count, and error floods."""
    gib = 1024 * MiB
    end = bytes(1024)
    witness = tar_member("mg/ok.yaml", ok)
    # bounded: tar extended headers declaring GiB sizes, CPU-burning or negative sizes
    for name, flag in (("tar_pax_local_gib", b"x"), ("tar_pax_global_gib", b"g"),
                       ("tar_gnu_longname_gib", b"L"), ("tar_gnu_longlink_gib", b"K")):
        add(name, "bounded", {"b.tar": witness + tar_header("././@Ext", 3 * gib, flag)
                              + bytes(4096) + end},
            "limit", "extended header", "b.tar", min_objects=1)
    for name, flag in (("tar_pax_local_bomb", b"x"), ("tar_gnu_longname_bomb", b"L")):
        add(name, "bounded", {"b.tar.gz": gz_parts([witness, tar_header("././@Ext", 160 * MiB,
                                                                         flag), 160 * MiB, end])},
            "limit", "extended header", "b.tar.gz", min_objects=1)
    add("tar_pax_over_cap", "bounded", {"b.tar.gz": gz(witness + tar_member(
        "././@PaxHeader", pax_records([("comment", "x" * (2 * MiB))]), b"x")
        + tar_member("mg/after.yaml", configmap("after")) + end)},
        "limit", "extended header", "b.tar.gz", min_objects=1)
    many = pax_records([(f"k{i:06d}", "v") for i in range(60_000)])
    add("tar_pax_global_cpu", "bounded", {"b.tar.gz": gz(
        tar_member("././@PaxHeader", many, b"g")
        + b"".join(tar_member(f"mg/f{i}.log", b"x\n") for i in range(20_000))
        + witness + end)}, "parsed", "", "b.tar.gz", min_objects=1)
    add("tar_pax_negative_size", "bounded", {"b.tar": witness + tar_member(
        "././@PaxHeader", pax_records([("size", str(-16 * gib))]), b"x")
        + tar_header("mg/neg.log", 0) + tar_member("mg/big.log", bytes(12 * MiB)) + end},
        "error", "pax size", "b.tar", limits={"max_total_size": 8 * MiB}, min_objects=1)
    add("tar_pax_size_not_decimal", "bounded", {"b.tar": witness + tar_member(
        "././@PaxHeader", pax_records([("size", "0x7fffffff")]), b"x")
        + tar_header("mg/hex.log", 0) + end}, "error", "pax size", "b.tar", min_objects=1)
    add("tar_pax_record_overruns", "bounded", {"b.tar": witness + tar_member(
        "././@PaxHeader", b"99999999 path=x\n", b"x") + tar_member("mg/x.yaml", ok) + end},
        "error", "pax record", "b.tar", min_objects=1)
    add("tar_base256_huge_size", "bounded", {"b.tar": witness + tar_header(
        "mg/huge.log", 0, raw_size=b"\x80" + b"\xff" * 11) + end},
        "limit", "max-total-size", "b.tar", min_objects=1)
    nest = b"- " + b"[" * 999 + b"]" * 999 + b"\n"
    add("yaml_nested_999_repeated", "bounded", {
        "mg/namespaces/hostile/core/configmaps/case.yaml": nest * 3000,
        "mg/namespaces/hostile/core/configmaps/witness.yaml": ok},
        "error", "nest", min_objects=1)
    add("yaml_nested_999_documents", "bounded", {
        "mg/namespaces/hostile/core/configmaps/case.yaml": (b"---\n" + nest) * 3000,
        "mg/namespaces/hostile/core/configmaps/witness.yaml": ok},
        "error", "nest", min_objects=1)
    anchors = b"".join(b"k%07d: &a%07d [x, y]\n" % (i, i) for i in range(1_200_000))
    add("yaml_anchors_truncated_30mib", "bounded", {
        "mg/namespaces/hostile/core/configmaps/case.yaml": anchors[:30 * MiB] + b"k: [\"x",
        "mg/namespaces/hostile/core/configmaps/witness.yaml": ok},
        "parsed", "truncated", min_objects=1,
        why="rapidyaml reads it without the cut last line: bounded (~50x the file), data kept")
    aliases = b"".join(b"k%07d: &a%07d [x]\nr%07d: *a%07d\n" % (i, i, i, i)
                       for i in range(400_000))
    add("yaml_aliases_12mib", "bounded", {
        "mg/namespaces/hostile/core/configmaps/case.yaml": aliases,
        "mg/namespaces/hostile/core/configmaps/witness.yaml": ok},
        "limit", "careful YAML", min_objects=1)
    add("tar_nested_namespaces", "bounded", {"b.tar.gz": gz(tar_bytes(
        _nested_namespaces(240, 8) + [("mg/ok.yaml", ok)]))}, "parsed", "", "b.tar.gz",
        min_objects=1)
    # lossless: valid archives the reference tools accept, YAML with brackets in strings
    tar = good_bundle()
    first, second = _halves(tar)
    add("xz_multistream_padded", "lossless", {"b.tar.xz": lzma.compress(first) + bytes(8)
                                              + lzma.compress(second) + bytes(4)},
        "parsed", "", "b.tar.xz", min_objects=24, absent=["truncated"])
    add("gzip_every_header_field", "lossless", {"b.tar.gz": gzip_all_header_fields(tar)},
        "parsed", "", "b.tar.gz", min_objects=24, absent=["truncated"])
    add("gzip_multimember", "lossless", {"b.tar.gz": gz(first) + gz(second)},
        "parsed", "", "b.tar.gz", min_objects=24, absent=["truncated"])
    add("gzip_multimember_header_fields", "lossless", {"b.tar.gz": gzip_all_header_fields(
        first, 33_000) + gzip_all_header_fields(second, 65_000)},
        "parsed", "", "b.tar.gz", min_objects=24, absent=["truncated"])
    add("bz2_multistream", "lossless", {"b.tar.bz2": bz2.compress(first) + bz2.compress(second)},
        "parsed", "", "b.tar.bz2", min_objects=24, absent=["truncated"])
    items = "".join(f"- apiVersion: v1\n  kind: Event\n  metadata: {{name: e{i}, namespace: h}}\n"
                    f"  message: \"retry [{i}] {{{{ {'[' * 3}\"\n" for i in range(1500))
    add("yaml_quoted_brackets", "lossless", {
        "mg/namespaces/h/core/events.yaml":
            f"apiVersion: v1\nkind: List\nitems:\n{items}".encode()},
        "parsed", "", min_objects=1500, absent=["nest"])
    block = "".join(f"  f{i}.js: |\n    if (a[{i}] {{ b[x[y[\n" for i in range(1200))
    add("yaml_block_scalar_brackets", "lossless", {
        "mg/namespaces/h/core/configmaps.yaml":
            f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: js}}\ndata:\n{block}".encode(),
        "mg/namespaces/h/core/witness.yaml": ok},
        "parsed", "", min_objects=2, absent=["nest"])
    tgz = gz(tar)
    half = len(tgz) // 2
    add("split_duplicate_part", "split", {"b.tar.gz-00": tgz[:half], "b.tar.gz-01": tgz[half:],
                                          "b.tar.gz.01": tgz[half:]},
        "bad_input", "part 01 appears twice", "b.tar.gz-00")
    # limits count the bytes read: big logs in a directory are read head and tail only
    logs = {f"mg/namespaces/h/pods/p/c/c/logs/big{i}.log": b"2026-01-01T00:00:00Z x\n" * 300_000
            for i in range(3)}
    add("dir_big_logs_under_limit", "limits", {**logs, "mg/namespaces/h/core/configmaps.yaml":
                                               ok}, "parsed", "", limits={
                                                   "max_total_size": 8 * MiB},
        min_objects=1, absent=["limit"])
    add("dir_limit_names_skipped", "limits", {
        **{f"mg/a{i}.yaml": configmap(f"a{i}", payload=noise(i, 1000) * 200) for i in range(8)}},
        "limit", "not read", limits={"max_total_size": MiB}, min_objects=1)
    # floods: thousands of identical skips are one aggregated row, not thousands
    add("flood_symlinks", "flood", {"b.tar.gz": gz(tar_bytes(
        [(f"mg/l{i}.yaml", _symlink("/etc/passwd")) for i in range(20_000)]
        + [("mg/ok.yaml", ok)]))}, "error", "symlink skipped", "b.tar.gz", min_objects=1,
        max_errors=60)
    add("flood_unsafe_names", "flood", {"b.tar.gz": gz(tar_bytes(
        [(f"../x{i}.yaml", ok) for i in range(20_000)] + [("mg/ok.yaml", ok)]))},
        "error", "more like this", "b.tar.gz", min_objects=1, max_errors=60)
    add("flood_broken_yaml", "flood", {f"mg/namespaces/h/core/b{i}.yaml": b"a: [\n"
                                       for i in range(3000)} | {"mg/ok.yaml": ok},
        "error", "more like this", min_objects=1, max_errors=60)


def _dir_specials(out: Path, add: Callable[..., None], ok: bytes) -> None:
    """Directory inputs with links, loops, FIFOs and odd names (created after the files)."""
    add("dir_links_and_fifo", "dir", {"mg/ok.yaml": ok}, "error", "symbolic link skipped",
        min_objects=1)
    base = out / "dir_links_and_fifo" / "mg"
    for name, target in (("passwd.yaml", "/etc/passwd"), ("loop", "."),
                         ("dangling.yaml", "/nonexistent/" + SENTINEL), ("up", "../..")):
        if not (base / name).is_symlink():
            os.symlink(target, base / name)
    if hasattr(os, "mkfifo") and not (base / "fifo.yaml").exists():
        os.mkfifo(base / "fifo.yaml")
    add("dir_odd_names", "dir", {"mg/new\nline.yaml": configmap("nl"),
                                 "mg/colon:name.yaml": configmap("colon"), "mg/ok.yaml": ok},
        "parsed", "", min_objects=3)
    raw = os.fsencode(out / "dir_odd_names" / "mg") + b"/bad\xff\xfename.yaml"
    with open(raw, "wb") as fh:
        fh.write(configmap("nonutf8"))


# --- dbsafety: the SQL guard, --db targets, hostile databases, tagged Secret values --------
# Owned by the dbsafety stream; run by tests/hostile/test_hostile_db.py (the CLI end to end).
# Case fields: name, class (sql|dbfile|dbtarget), argv (with {db}, {bundle}, {planted},
# {planted_dir}, {out}, {target} placeholders), expect ("exit3"), contains (in stderr).

PLANTED_TEXT = "mgscan-planted-outside-the-sandbox-7f3a9c"  # must never appear in any output
TAGGED_SECRET_VALUES = ["planted-bool-tagged", "planted-float-tagged", "planted-null-tagged",
                        "planted-int-tagged", "planted-str-tagged", "planted-binary-tagged",
                        "planted-timestamp-tagged"]

# (name, SQL): every one must be refused or fail inside the guard, touching no file.
GUARD_SQL = [
    ("read_text", "select * from read_text('{planted}')"),
    ("read_csv", "select * from read_csv('{planted}', header=false)"),
    ("read_blob", "select content::varchar from read_blob('{planted}')"),
    ("read_json", "select * from read_json_auto('{planted}')"),
    ("sniff_csv", "select * from sniff_csv('{planted}')"),
    ("glob_dir", "select * from glob('{planted_dir}/*')"),
    ("glob_etc", "select * from glob('/etc/*')"),
    ("replacement_scan", "select * from '{planted}'"),
    ("in_subquery", "select (select string_agg(content, '') from read_text('{planted}')) as x"),
    ("in_cte", "with x as (select * from read_text('{planted}')) select * from x"),
    ("copy_to", "copy (select 1) to '{out}/copy.csv'"),
    ("second_statement_copy", "select 1; copy (select 1) to '{out}/second.csv'"),
    ("explain_analyze_copy", "explain analyze copy (select 1) to '{out}/explain.csv'"),
    ("pragma_profiling", "pragma enable_profiling='json'"),
    ("set_profiling_output", "set profiling_output='{out}/profile.json'"),
    ("attach_new", "attach '{out}/new.duckdb' as x"),
    ("install_ext", "install httpfs"),
    ("load_ext", "load httpfs"),
    ("set_external_access", "set enable_external_access = true"),
    ("insert", "insert into objects select * from objects"),
    ("delete", "delete from objects"),
    ("update", "update meta set value = 'x'"),
    ("create_table", "create table t as select 1"),
    ("drop_view", "drop view resources"),
    ("export_database", "export database '{out}/export'"),
    ("checkpoint", "checkpoint"),
    ("detach", "detach mgscan_db"),
    ("call_pragma", "call pragma_version()"),
    ("query_function_copy", "select * from query('copy (select 1) to ''{out}/q.csv''')"),
    ("empty", "   "),
    ("comment_only", "/* nothing */"),
]

# (name, SQL run on an mgscan database to make it hostile); {planted} as above.
HOSTILE_DB_SQL = [
    ("extra_view_reads_file", "create view leak as select * from read_text('{planted}')"),
    ("kind_view_reads_file", "create or replace view pods as "
     "select *, (select content from read_text('{planted}')) as leak from resources"),
    ("facts_view_reads_file", "create or replace view cluster_facts as "
     "select content as ocp_version from read_text('{planted}')"),
    ("macro_reads_file", "create or replace macro vkey(v) as "
     "(select list_value(content) from read_text('{planted}'))"),
    ("meta_is_a_view", "drop table meta; create view meta as "
     "select 'tool_version' as key, content as value from read_text('{planted}')"),
    ("no_meta_table", "drop table meta"),
]


def guard_cases() -> list[Case]:
    """SQL a user (or an assistant) may send through ``mgscan query``: all refused."""
    return [{"name": f"sql_{name}", "class": "sql", "expect": "exit3", "contains": "",
             "argv": ["query", "--db", "{db}", sql]} for name, sql in GUARD_SQL]


def hostile_db_cases() -> list[Case]:
    """mgscan databases tampered with (``HOSTILE_DB_SQL``): analyze and query refuse them."""
    cases: list[Case] = []
    for name, _ in HOSTILE_DB_SQL:
        contains = "not an mgscan database" if "meta" in name else "does not create"
        cases.append({"name": f"db_{name}_analyze", "class": "dbfile", "expect": "exit3",
                      "contains": contains, "tamper": name,
                      "argv": ["analyze", "--db", "{target}", "-o", "{out}/report",
                               "--format", "html,json,md,sarif,junit"]})
        cases.append({"name": f"db_{name}_query", "class": "dbfile", "expect": "exit3",
                      "contains": contains, "tamper": name,
                      "argv": ["query", "--db", "{target}", "select * from pods"]})
    return cases


def db_target_cases() -> list[Case]:
    """``--db`` paths mgscan must refuse without changing a byte (``{target}`` is prepared)."""
    spec = [("text_file", "not an mgscan database"), ("the_input_itself", "names an input"),
            ("inside_input_dir", "inside the input"), ("a_directory", "directory"),
            ("foreign_duckdb", "not an mgscan database"), ("truncated_header", "cannot open"),
            ("damaged_header", "damaged")]
    cases: list[Case] = []
    for name, contains in spec:
        bundle = "{planted_dir}" if name == "inside_input_dir" else "{bundle}"
        cases.append({"name": f"dbtarget_{name}", "class": "dbtarget", "expect": "exit3",
                      "contains": contains, "target_kind": name,
                      "argv": ["ingest", bundle, "--db", "{target}"]})
    return cases


def tagged_secret_yaml() -> bytes:
    """A Secret whose values carry explicit YAML tags; the alias forces the careful parser."""
    import base64

    tags = ["bool", "float", "null", "int", "str", "binary", "timestamp"]
    pairs = list(zip(tags, TAGGED_SECRET_VALUES, strict=True))
    lines = ["apiVersion: v1", "kind: Secret",
             "metadata: {name: tagged, namespace: hostile, labels: &l {a: b}, annotations: *l}",
             "data:"]
    lines += [f"  d{i}: !!{t} " + base64.b64encode(v.encode()).decode()
              for i, (t, v) in enumerate(pairs)]
    lines.append("stringData:")
    lines += [f"  s{i}: !!{t} {v}" for i, (t, v) in enumerate(pairs)]
    return ("\n".join(lines) + "\n").encode()


def _secret_tag_cases(add: Callable[..., None]) -> None:
    """Ingest-side Secret cases: tags on values, through the fast and the careful parser."""
    body = tagged_secret_yaml()
    add("secret_tagged_values_slowpath", "secret", {"secret.yaml": body}, "parsed", "",
        "secret.yaml", min_objects=1, forbidden=TAGGED_SECRET_VALUES, absent=["planted"])
    fast = body.replace(b", labels: &l {a: b}, annotations: *l", b"")
    add("secret_tagged_values_fastpath", "secret", {"secret.yaml": fast}, "parsed", "",
        "secret.yaml", min_objects=1, forbidden=TAGGED_SECRET_VALUES, absent=["planted"])
    tagged_map = (b"apiVersion: v1\nkind: !!str Secret\nmetadata: {name: &n tagmap, "
                  b"namespace: hostile}\ndata: !!map {k: !!float "
                  + TAGGED_SECRET_VALUES[1].encode() + b"}\nstringData: !!str "
                  + TAGGED_SECRET_VALUES[4].encode() + b"\nx: *n\n")
    add("secret_tagged_kind_and_map", "secret", {"secret.yaml": tagged_map}, "parsed", "",
        "secret.yaml", min_objects=1, forbidden=TAGGED_SECRET_VALUES, absent=["planted"])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: make_hostile_corpus.py OUT_DIR", file=sys.stderr)
        return 2
    cases = build_corpus(Path(argv[1]))
    print(f"{len(cases)} cases written to {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
