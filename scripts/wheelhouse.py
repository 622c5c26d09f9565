"""Build the air-gapped wheelhouse (`make dist`): mgscan, every dependency wheel, `install.sh`.

Writes ``dist/mgscan-<version>-wheelhouse-<python>-<platform>.tar.gz`` (``…-<extra>.tar.gz`` with
``--extras``), and a ``.sha256`` beside it. The tarball holds one folder with:

- ``wheels/``: the mgscan wheel and a binary wheel of every dependency, resolved for the target
  CPython (``--python``, default the interpreter running this script) and Linux glibc floor
  (``--glibc``, default 2.28 = RHEL/UBI 8) under ``constraints.txt``;
- ``requirements.txt``: every wheel pinned by version and sha256 (pip ``--require-hashes``);
- ``install.sh``: makes a venv and installs with ``pip --no-index`` (from ``scripts/install.sh``);
- ``sample/``: one synthetic sample bundle that ``install.sh`` analyzes to verify the install;
- ``SHA256SUMS``.

Needs the package registry (``pip download``); uses only the standard library, so it runs in the
bare venv. Deterministic for a given set of resolved wheels: sorted members, fixed mtimes
(``SOURCE_DATE_EPOCH``, else the last commit's time), no owner names, gzip without a timestamp.
Wheels are compressed already: gzip level 1 (level 9 saves 0.02% and takes twice as long).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import platform
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_bundles" / "ready-to-migrate.tar.gz"
LEGACY_MANYLINUX = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}
WHEEL_NAME = re.compile(
    r"^(?P<name>[^-]+)-(?P<version>[^-]+)(-\d[^-]*)?-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>[^-]+)\.whl$")


class BuildError(Exception):
    """The wheelhouse could not be built; the message says why."""


def target_platforms(glibc: tuple[int, int], arch: str) -> list[str]:
    """Every manylinux platform tag a glibc ``glibc`` Linux on ``arch`` accepts, newest first.

    ``pip download --platform`` does not expand a perennial tag to the older ones it implies,
    so each is passed explicitly.
    """
    tags = [f"manylinux_{glibc[0]}_{minor}_{arch}" for minor in range(glibc[1], 4, -1)]
    tags += [f"{legacy}_{arch}" for legacy, floor in LEGACY_MANYLINUX.items() if floor <= glibc]
    return tags


def wheel_glibc(platform_tags: str) -> tuple[int, int] | None:
    """The glibc a wheel needs (the oldest of its manylinux tags); None for a pure wheel."""
    floors = []
    for tag in platform_tags.split("."):
        perennial = re.match(r"^manylinux_(\d+)_(\d+)_", tag)
        if perennial:
            floors.append((int(perennial.group(1)), int(perennial.group(2))))
        elif tag.split("_", 1)[0] in LEGACY_MANYLINUX:
            floors.append(LEGACY_MANYLINUX[tag.split("_", 1)[0]])
    return min(floors) if floors else None


def platform_label(wheels: list[Path], python_tag: str, arch: str) -> str:
    """``cp311-manylinux_2_28_x86_64``: the Python and the newest glibc any wheel needs."""
    needed = [g for w in wheels if (g := wheel_glibc(_parse(w)["plat"])) is not None]
    if not needed:
        return f"{python_tag}-none-any"
    major, minor = max(needed)
    return f"{python_tag}-manylinux_{major}_{minor}_{arch}"


def _parse(wheel: Path) -> dict[str, str]:
    match = WHEEL_NAME.match(wheel.name)
    if not match:
        raise BuildError(f"{wheel.name}: not a wheel file name")
    return match.groupdict()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pip(args: list[str], env: dict[str, str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", *args], env=env, capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        lines = [ln for ln in (proc.stderr or proc.stdout).splitlines()
                 if ln.strip() and "is ignored: it is neither a file nor a directory" not in ln]
        raise BuildError("pip " + args[0] + " failed:\n" + "\n".join(lines[-15:]))


def source_date_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` if set, else the time of the last commit, else a fixed date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    proc = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                          capture_output=True, text=True, check=False)
    return int(proc.stdout.strip()) if proc.stdout.strip().isdigit() else 1577836800


def requirements_text(wheels: list[Path], extras: list[str]) -> str:
    """Every wheel pinned by version and sha256; mgscan with the chosen extras."""
    lines = ["# mgscan wheelhouse: every package pinned by version and sha256 (--require-hashes)"]
    for wheel in wheels:
        meta = _parse(wheel)
        name = meta["name"].replace("_", "-").lower()
        if name == "mgscan" and extras:
            name += "[" + ",".join(extras) + "]"
        lines.append(f"{name}=={meta['version']} --hash=sha256:{_sha256(wheel)}")
    return "\n".join(lines) + "\n"


def install_script(version: str, python_version: str, label: str, extras: list[str]) -> str:
    """``scripts/install.sh`` with this wheelhouse's facts filled in."""
    text = (ROOT / "scripts" / "install.sh").read_text(encoding="utf-8")
    for key, value in {"@MGSCAN_VERSION@": version, "@PYTHON_VERSION@": python_version,
                       "@PYTHON_TAG@": "cp" + python_version.replace(".", ""),
                       "@PLATFORM@": label, "@EXTRAS@": ",".join(extras) or "none",
                       "@SAMPLE@": SAMPLE.name}.items():
        text = text.replace(key, value)
    return text


def write_tarball(out: Path, top: str, members: dict[str, tuple[bytes | Path, int]],
                  mtime: int) -> None:
    """A reproducible .tar.gz (sorted members, fixed mtime and owner), written atomically."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".wheelhouse-", dir=out.parent)
    try:
        with (os.fdopen(fd, "wb") as raw,
              gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=1) as gz,
              tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar):
            folders = sorted({m.rsplit("/", 1)[0] for m in members if "/" in m})
            for name in [top, *(f"{top}/{d}" for d in folders)]:
                info = tarfile.TarInfo(name)
                info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, mtime
                tar.addfile(info)
            for name in sorted(members):
                content, mode = members[name]
                data = content.read_bytes() if isinstance(content, Path) else content
                info = tarfile.TarInfo(f"{top}/{name}")
                info.size, info.mode, info.mtime = len(data), mode, mtime
                tar.addfile(info, io.BytesIO(data))
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, out)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def build(out_dir: Path, python_version: str, glibc: tuple[int, int], extras: list[str],
          constraints: Path) -> Path:
    """Build the wheelhouse tarball into ``out_dir`` and return its path."""
    arch = platform.machine()
    epoch = source_date_epoch()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    with tempfile.TemporaryDirectory(prefix="mgscan-dist-") as tmp:
        wheels_dir = Path(tmp) / "wheels"
        _pip(["wheel", "-q", "--no-deps", "-w", str(wheels_dir), str(ROOT)], env)
        own = sorted(wheels_dir.glob("mgscan-*.whl"))
        if len(own) != 1:
            raise BuildError(f"expected one mgscan wheel, pip built: {[w.name for w in own]}")
        version = _parse(own[0])["version"]
        extra = "[" + ",".join(extras) + "]" if extras else ""
        platforms = [arg for tag in target_platforms(glibc, arch) for arg in ("--platform", tag)]
        _pip(["download", "-q", "--only-binary=:all:", "--python-version", python_version,
              "--implementation", "cp", "--abi", "cp" + python_version.replace(".", ""),
              *platforms, "-c", str(constraints), "-d", str(wheels_dir),
              f"mgscan{extra} @ {own[0].as_uri()}"], env)
        wheels = sorted(wheels_dir.glob("*.whl"), key=lambda w: w.name.lower())
        label = platform_label(wheels, "cp" + python_version.replace(".", ""), arch)
        top = f"mgscan-{version}-wheelhouse-{label}" + "".join(f"-{e}" for e in extras)
        members: dict[str, tuple[bytes | Path, int]] = {
            f"wheels/{w.name}": (w, 0o644) for w in wheels}
        members["requirements.txt"] = (requirements_text(wheels, extras).encode(), 0o644)
        members["install.sh"] = (install_script(version, python_version, label, extras).encode(),
                                 0o755)
        members[f"sample/{SAMPLE.name}"] = (SAMPLE, 0o644)
        sums = "".join(f"{hashlib.sha256(c.read_bytes() if isinstance(c, Path) else c).hexdigest()}"
                       f"  {name}\n" for name, (c, _) in sorted(members.items()))
        members["SHA256SUMS"] = (sums.encode(), 0o644)
        out = out_dir / f"{top}.tar.gz"
        write_tarball(out, top, members, epoch)
    out.with_name(out.name + ".sha256").write_text(f"{_sha256(out)}  {out.name}\n",
                                                   encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line of `make dist`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--python", default="{}.{}".format(*sys.version_info[:2]),
                        help="target CPython X.Y (default: this interpreter's)")
    parser.add_argument("--glibc", default="2.28", help="oldest glibc of the target (2.28)")
    parser.add_argument("--extras", default="", help="mgscan extras to include, e.g. mcp")
    parser.add_argument("--constraints", type=Path, default=ROOT / "constraints.txt")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"3\.\d+", args.python) or not re.fullmatch(r"2\.\d+", args.glibc):
        parser.error("--python takes 3.X and --glibc takes 2.Y")
    glibc = (2, int(args.glibc.split(".")[1]))
    extras = sorted(e for e in args.extras.replace(",", " ").split() if e)
    started = time.monotonic()
    try:
        out = build(args.out, args.python, glibc, extras, args.constraints)
    except BuildError as exc:
        print(f"make dist: {exc}", file=sys.stderr)
        return 1
    size = out.stat().st_size / 2**20
    print(f"wrote {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out} "
          f"({size:.1f} MiB, {time.monotonic() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
