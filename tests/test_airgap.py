"""Air-gapped sites: the wheelhouse installs with no network and the installed mgscan analyzes.

The end-to-end test builds the wheelhouse once per session with `scripts/wheelhouse.py` (the
code of `make dist`; it needs the package registry, pip's cache keeps it quick), installs it with
its own install.sh in a fresh venv (inside a network namespace without network where `unshare -n`
works) and runs the installed mgscan on a sample bundle. A second one builds the wheelhouse of
the Containerfile's CPython (3.12), checks every wheel runs there and, where this machine has
that CPython, installs it the same way.
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import analyzer
from analyzer.rules.catalog import rules_sha256

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_bundles"


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("wheelhouse", ROOT / "scripts" / "wheelhouse.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


wheelhouse_builder = _load_builder()


def _constraints() -> dict[str, Requirement]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    reqs = [Requirement(ln.split("#")[0]) for ln in lines if ln.split("#")[0].strip()]
    return {canonicalize_name(r.name): r for r in reqs}


def _pyproject_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        specs += extra
    return [Requirement(s) for s in specs]


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH"}}


# -- constraints: tested majors -------------------------------------------------------------

def test_every_dependency_has_a_tested_major_with_an_upper_bound() -> None:
    constraints = _constraints()
    for req in _pyproject_requirements():
        name = canonicalize_name(req.name)
        assert name in constraints, f"{req.name} (pyproject) has no line in constraints.txt"
        uppers = [s for s in constraints[name].specifier if s.operator == "<"]
        lowers = [s for s in constraints[name].specifier if s.operator == ">="]
        assert uppers and lowers, f"constraints.txt: {name} needs >=tested,<next major"


def test_the_suite_runs_on_versions_inside_the_constraints() -> None:
    """The constraints are tested: this environment was installed under them."""
    from importlib.metadata import PackageNotFoundError, version

    checked = 0
    for name, req in _constraints().items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            continue  # e.g. atheris on a Python without its wheel
        assert req.specifier.contains(installed, prereleases=True), (
            f"{name} {installed} is installed but constraints.txt says {req.specifier}")
        checked += 1
    assert checked >= 20


def test_make_install_and_make_dist_use_the_constraints() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    install = re.search(r"^\$\(STAMP\):.*\n\t(.*)$", makefile, re.M)
    assert install and "-c constraints.txt" in install.group(1)
    assert "constraints.txt" in install.group(0).splitlines()[0]  # a change reinstalls
    assert re.search(r"^dist:.*\n\t\$\(PY\) scripts/wheelhouse\.py", makefile, re.M)
    assert "constraints.txt" in (ROOT / "scripts" / "wheelhouse.py").read_text(encoding="utf-8")


# -- builder units --------------------------------------------------------------------------

def test_target_platforms_spell_out_every_older_manylinux() -> None:
    tags = wheelhouse_builder.target_platforms((2, 28), "x86_64")
    assert tags[0] == "manylinux_2_28_x86_64"
    assert {"manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux1_x86_64"} <= set(tags)
    assert "manylinux_2_29_x86_64" not in tags
    assert "manylinux2014_aarch64" in wheelhouse_builder.target_platforms((2, 17), "aarch64")
    assert "manylinux2014_x86_64" not in wheelhouse_builder.target_platforms((2, 12), "x86_64")


def test_platform_label_is_the_newest_glibc_any_wheel_needs() -> None:
    wheels = [Path("a-1.0-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.whl"),
              Path("b-2.0-cp311-cp311-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl"),
              Path("c-3.0-py3-none-any.whl")]
    assert (wheelhouse_builder.platform_label(wheels, "cp311", "x86_64")
            == "cp311-manylinux_2_27_x86_64")
    assert (wheelhouse_builder.platform_label(wheels[2:], "cp312", "x86_64")
            == "cp312-none-any")


def test_tarball_is_reproducible_sorted_and_ownerless(tmp_path: Path) -> None:
    members = {"z.txt": (b"z", 0o644), "wheels/a.whl": (b"a", 0o644), "install.sh": (b"#!", 0o755)}
    first, second = tmp_path / "1" / "w.tar.gz", tmp_path / "2" / "w.tar.gz"
    wheelhouse_builder.write_tarball(first, "top", members, 1_700_000_000)
    wheelhouse_builder.write_tarball(second, "top", dict(reversed(members.items())), 1_700_000_000)
    assert first.read_bytes() == second.read_bytes()
    with tarfile.open(first) as tar:
        infos = tar.getmembers()
    assert [i.name for i in infos] == ["top", "top/wheels", "top/install.sh", "top/wheels/a.whl",
                                       "top/z.txt"]
    assert {(i.uid, i.gid, i.uname, i.gname, i.mtime) for i in infos} == {
        (0, 0, "", "", 1_700_000_000)}
    assert next(i for i in infos if i.name == "top/install.sh").mode == 0o755


# -- install.sh refusals (no wheelhouse needed) ---------------------------------------------

def _script(tmp_path: Path, python_version: str) -> Path:
    script = tmp_path / "install.sh"
    script.write_text(wheelhouse_builder.install_script(
        analyzer.__version__, python_version, "cpXY-manylinux_2_28_x86_64", []), encoding="utf-8")
    script.chmod(0o755)
    return script


def test_install_sh_refuses_another_python_and_says_what_to_do(tmp_path: Path) -> None:
    script = _script(tmp_path, "3.99")
    proc = subprocess.run([str(script), str(tmp_path / "venv")], capture_output=True, text=True,
                          env={**_clean_env(), "PYTHON": sys.executable}, check=False)
    assert proc.returncode == 2
    found = "cp{}{}".format(*sys.version_info[:2])
    assert f"this wheelhouse is for CPython 3.99 (cp399) but {sys.executable} is {found}" in (
        proc.stderr)
    assert "make dist DIST_PYTHON=X.Y" in proc.stderr
    assert not (tmp_path / "venv").exists()


def test_install_sh_never_installs_into_a_folder_it_did_not_make(tmp_path: Path) -> None:
    script = _script(tmp_path, "{}.{}".format(*sys.version_info[:2]))
    target = tmp_path / "home"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    proc = subprocess.run([str(script), str(target)], capture_output=True, text=True,
                          env={**_clean_env(), "PYTHON": sys.executable}, check=False)
    assert proc.returncode == 2
    assert "exists and is not a virtual environment" in proc.stderr
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


# -- Containerfile (podman is not available here: read it) ----------------------------------

def test_containerfile_installs_the_wheelhouse_with_its_install_script() -> None:
    text = (ROOT / "Containerfile").read_text(encoding="utf-8")
    body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    py = re.search(r"^ARG PY=(\d)(\d+)$", body, re.M)
    assert py, "ARG PY=3XX selects the UBI Python image"
    python = f"{py.group(1)}.{py.group(2)}"
    assert re.search(r"^FROM registry\.access\.redhat\.com/ubi9/python-\$\{PY\}$", body, re.M)
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["requires-python"]
    from packaging.specifiers import SpecifierSet
    assert SpecifierSet(requires).contains(python)
    copy = re.search(r"^COPY (\S+) /tmp/wheelhouse/$", body, re.M)
    assert copy
    made = (f"dist/mgscan-{analyzer.__version__}-wheelhouse-cp{py.group(1)}{py.group(2)}"
            f"-manylinux_2_28_{platform.machine()}.tar.gz")
    assert fnmatch.fnmatch(made, copy.group(1).replace("${PY}", py.group(1) + py.group(2)))
    assert 'PYTHON=/usr/bin/python3.${PY#3} "./${1%.tar.gz}/install.sh" /opt/mgscan' in body
    assert re.search(r'^ENTRYPOINT \["/opt/mgscan/bin/mgscan"\]$', body, re.M)
    for network in ("pip install", "pip download", "curl ", "wget ", "dnf ", "yum ", "microdnf"):
        assert network not in body, f"the Containerfile must not fetch anything: {network}"
    ignore = [ln for ln in (ROOT / ".containerignore").read_text(encoding="utf-8").splitlines()
              if ln and not ln.startswith("#")]
    assert ignore[0] == "*" and any(fnmatch.fnmatch(made, p[1:]) for p in ignore[1:])


# -- end to end: build, install offline, analyze --------------------------------------------

def _registry_unreachable(tmp: Path) -> str | None:
    """Why the package registry cannot be used, or None when it answers."""
    probe = subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-cache-dir", "-q",
         "--only-binary=:all:", "-d", str(tmp), "mdurl"],
        capture_output=True, text=True, check=False, timeout=300)
    if probe.returncode == 0:
        return None
    lines = [ln for ln in probe.stderr.splitlines() if ln.strip()]
    return lines[-1] if lines else f"pip exited {probe.returncode}"


def _build(tmp_path_factory: pytest.TempPathFactory, *args: str) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "wheelhouse.py"), "--out",
                           str(out), *args], capture_output=True, text=True, check=False,
                          timeout=900)
    if proc.returncode != 0:
        reason = _registry_unreachable(tmp_path_factory.mktemp("probe"))
        if reason is not None:
            pytest.skip(f"the package registry is not reachable, the wheelhouse needs it: {reason}")
        pytest.fail(f"make dist failed with the registry reachable:\n{proc.stderr}")
    tarballs = sorted(out.glob("*.tar.gz"))
    assert len(tarballs) == 1, proc.stdout
    return tarballs[0]


@pytest.fixture(scope="session")
def built_wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheelhouse `make dist` builds here, once per session."""
    return _build(tmp_path_factory)


def _extract(tarball: Path, dest: Path) -> Path:
    with tarfile.open(tarball) as tar:
        tar.extractall(dest, filter="data")
    (top,) = dest.iterdir()
    assert top.name == tarball.name.removesuffix(".tar.gz")
    return top


def _install(top: Path, venv: Path, python: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_offline([str(top / "install.sh"), str(venv)]), capture_output=True,
                          text=True, env={**_clean_env(), "PYTHON": python}, cwd=venv.parent,
                          check=False, timeout=600)


def _offline(cmd: list[str]) -> list[str]:
    """Run ``cmd`` in a network namespace without network, where this machine allows it."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True,
                                  check=False).returncode == 0:
        return [unshare, "-n", *cmd]
    return cmd


@pytest.mark.slow
def test_wheelhouse_installs_offline_and_the_installed_mgscan_analyzes(
        built_wheelhouse: Path, tmp_path: Path) -> None:
    tag = "cp{}{}".format(*sys.version_info[:2])
    assert re.fullmatch(
        rf"mgscan-{re.escape(analyzer.__version__)}-wheelhouse-{tag}-manylinux_2_\d+_"
        rf"{platform.machine()}\.tar\.gz", built_wheelhouse.name)
    sidecar = built_wheelhouse.with_name(built_wheelhouse.name + ".sha256").read_text()
    assert sidecar == (f"{hashlib.sha256(built_wheelhouse.read_bytes()).hexdigest()}  "
                       f"{built_wheelhouse.name}\n")

    top = _extract(built_wheelhouse, tmp_path / "site")
    for line in (top / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((top / name).read_bytes()).hexdigest() == digest, name
    pinned = {canonicalize_name(ln.split("==")[0]): ln for ln in
              (top / "requirements.txt").read_text().splitlines() if not ln.startswith("#")}
    assert all("--hash=sha256:" in ln for ln in pinned.values())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    base = {canonicalize_name(Requirement(s).name) for s in project["dependencies"]}
    assert base | {"mgscan"} <= set(pinned), "every runtime dependency is in the wheelhouse"
    assert {w.name.split("-")[0] for w in (top / "wheels").glob("*.whl")} >= {"mgscan", "duckdb"}

    venv = tmp_path / "venv"
    install = _install(top, venv, sys.executable)
    assert install.returncode == 0, install.stdout + install.stderr
    assert f"mgscan, version {analyzer.__version__}" in install.stdout
    assert "verified: analyzed the bundled sample ready-to-migrate.tar.gz" in install.stdout

    facts = subprocess.run(
        [str(venv / "bin" / "python"), "-c",
         "import analyzer, json, importlib.metadata as m; print(json.dumps({'file': "
         "analyzer.__file__, 'dists': {d.metadata['Name']: d.version for d in m.distributions()}"
         "}))"], capture_output=True, text=True, env=_clean_env(), cwd=tmp_path, check=True)
    installed = json.loads(facts.stdout)
    assert Path(installed["file"]).is_relative_to(venv), "mgscan must come from the new venv"
    constraints = _constraints()
    for name, version in installed["dists"].items():
        req = constraints.get(canonicalize_name(name))
        assert req is None or req.specifier.contains(version), f"{name} {version}: {req}"

    out = tmp_path / "report"
    run = subprocess.run([str(venv / "bin" / "mgscan"), "analyze",
                          str(SAMPLES / "ocp-too-old.tar.gz"), "-o", str(out), "--format",
                          "json,html"], capture_output=True, text=True, env=_clean_env(),
                         cwd=tmp_path, check=False, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr  # the sample's OCP blocks: critical
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["verdict"] == "FAIL"
    assert report["tool"]["version"] == analyzer.__version__
    assert report["tool"]["rules_sha256"] == rules_sha256(ROOT / "queries"), (
        "the wheel carries every rule and reference file of the source tree")
    failed = {r["rule_id"] for r in report["results"] if r["outcome"] == "failed"}
    assert "DEP-0020" in failed, sorted(failed)  # the OpenShift version gate
    assert (out / "report.html").stat().st_size > 0


def _cpython(version: str) -> str | None:
    """A working CPython ``version`` on this machine: on PATH, else one of pyenv's."""
    candidates = [shutil.which(f"python{version}")]
    pyenv = Path.home().glob(f".pyenv/versions/{version}.*/bin/python{version}")
    candidates += sorted(str(p) for p in pyenv)
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, check=False)
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


@pytest.mark.slow
def test_the_container_wheelhouse_resolves_for_its_python(
        tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    """`make dist DIST_PYTHON=3.12`, the Containerfile's wheelhouse, built on any CPython."""
    py = re.search(r"^ARG PY=(\d)(\d+)$", (ROOT / "Containerfile").read_text(), re.M)
    assert py
    version = f"{py.group(1)}.{py.group(2)}"
    if version == "{}.{}".format(*sys.version_info[:2]):
        pytest.skip(f"this interpreter is already CPython {version}: the test above covers it")
    tarball = _build(tmp_path_factory, "--python", version)
    tag = f"cp{py.group(1)}{py.group(2)}"
    assert tarball.name.startswith(f"mgscan-{analyzer.__version__}-wheelhouse-{tag}-manylinux_2_")
    top = _extract(tarball, tmp_path / "site")
    for wheel in (top / "wheels").glob("*.whl"):
        meta = wheelhouse_builder._parse(wheel)
        ok = (meta["py"], meta["abi"]) == (tag, tag) or meta["abi"] == "none" or (
            meta["abi"] == "abi3" and int(meta["py"][3:]) <= int(tag[3:]))
        assert ok, f"{wheel.name} does not run on CPython {version}"
    python = _cpython(version)
    if python is None:
        return  # the resolution is checked; there is no such CPython here to install into
    install = _install(top, tmp_path / "venv", python)
    assert install.returncode == 0, install.stdout + install.stderr
    assert "verified: analyzed the bundled sample" in install.stdout
