#!/bin/sh
# Install mgscan @MGSCAN_VERSION@ from this wheelhouse, with no network.
#
#   ./install.sh [--no-verify] [TARGET]      (TARGET: a new venv folder, default ./mgscan-venv)
#
# Wheelhouse: CPython @PYTHON_VERSION@ (@PYTHON_TAG@), @PLATFORM@, extras: @EXTRAS@.
# PYTHON=/path/to/python@PYTHON_VERSION@ chooses the interpreter (default: python@PYTHON_VERSION@,
# else python3). pip reads no configuration and no index: only the wheels beside this script,
# each checked against its sha256 in requirements.txt. Then mgscan analyzes the bundled
# synthetic sample to prove the install works (skip with --no-verify).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
verify=1
target=./mgscan-venv
for arg in "$@"; do
    case "$arg" in
        --no-verify) verify=0 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "install.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
        *) target=$arg ;;
    esac
done

if [ -z "${PYTHON:-}" ]; then
    if command -v "python@PYTHON_VERSION@" >/dev/null 2>&1; then
        PYTHON=python@PYTHON_VERSION@
    else
        PYTHON=python3
    fi
fi
found=$("$PYTHON" -c 'import sys; print("cp%d%d" % sys.version_info[:2])' 2>/dev/null) || {
    echo "install.sh: cannot run $PYTHON: set PYTHON=/path/to/python@PYTHON_VERSION@" >&2; exit 2; }
if [ "$found" != "@PYTHON_TAG@" ]; then
    echo "install.sh: this wheelhouse is for CPython @PYTHON_VERSION@ (@PYTHON_TAG@) but $PYTHON is $found:" \
         "set PYTHON=/path/to/python@PYTHON_VERSION@, or build a wheelhouse for it" \
         "(make dist DIST_PYTHON=X.Y)" >&2
    exit 2
fi

if [ -e "$target" ] && [ ! -f "$target/pyvenv.cfg" ] && [ -n "$(ls -A "$target" 2>/dev/null)" ]; then
    echo "install.sh: $target exists and is not a virtual environment: choose a new folder" >&2
    exit 2
fi

echo "creating the virtual environment $target ($PYTHON)"
"$PYTHON" -m venv "$target"
echo "installing mgscan @MGSCAN_VERSION@ from $here/wheels (no index)"
PIP_CONFIG_FILE=/dev/null "$target/bin/python" -m pip --isolated --disable-pip-version-check \
    install --quiet --no-index --no-cache-dir --only-binary=:all: \
    --find-links "$here/wheels" --require-hashes -r "$here/requirements.txt"

"$target/bin/mgscan" --version
if [ "$verify" = 1 ]; then
    out=$(mktemp -d "${TMPDIR:-/tmp}/mgscan-verify.XXXXXX")
    rc=0
    "$target/bin/mgscan" analyze "$here/sample/@SAMPLE@" -o "$out/report" --format json \
        >"$out/analyze.log" 2>&1 || rc=$?
    if [ "$rc" -gt 2 ] || [ ! -s "$out/report/report.json" ]; then
        echo "install.sh: verification failed: mgscan analyze exited $rc; its output:" >&2
        cat "$out/analyze.log" >&2
        exit 1
    fi
    verdict=$("$target/bin/python" -c \
        'import json, sys; print(json.load(open(sys.argv[1]))["verdict"])' "$out/report/report.json")
    echo "verified: analyzed the bundled sample @SAMPLE@ (verdict $verdict, exit $rc)"
    rm -rf "$out"
fi
echo "mgscan @MGSCAN_VERSION@ is installed: $target/bin/mgscan analyze must-gather.tar.gz -o report"
