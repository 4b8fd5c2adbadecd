#!/usr/bin/env bash
# Finds or installs schemathesis (the OpenAPI property-based fuzzer of test/api/openapi-fuzz.test.ts)
# and prints the path of its `st` executable on stdout.
# Order: $SCHEMATHESIS_PATH, the cached virtualenv, a fresh `pip install` from PyPI into that cache.
# Progress goes to stderr so that callers can do: SCHEMATHESIS_PATH=$(bash scripts/schemathesis.sh)
set -euo pipefail

version="4.32.5" # pinned: a new release may add checks, which would turn a green run red unasked
cache_dir="${SIGNEXPERT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/signexpert}/schemathesis-$version"
cached="$cache_dir/bin/st"

say() { printf 'schemathesis: %s\n' "$*" >&2; }

if [ -n "${SCHEMATHESIS_PATH:-}" ]; then
  if [ -x "$SCHEMATHESIS_PATH" ]; then echo "$SCHEMATHESIS_PATH"; exit 0; fi
  say "SCHEMATHESIS_PATH=$SCHEMATHESIS_PATH is not an executable file"; exit 1
fi
# The cache is complete only once the marker is written (an interrupted install is redone).
if [ -x "$cached" ] && [ -f "$cache_dir/.installed" ]; then echo "$cached"; exit 0; fi

python=""
for candidate in python3 python; do
  # Debian's python3 has `venv` but not `ensurepip` (python3-venv) without which no venv gets a pip.
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
    python=$(command -v "$candidate"); break
  fi
done
if [ -z "$python" ]; then
  say "no Python >= 3.9 with the venv and ensurepip modules found (Debian: apt-get install python3-venv); or set SCHEMATHESIS_PATH"
  exit 1
fi

say "installing schemathesis==$version into $cache_dir (first time only; about a minute)"
started=$(date +%s)
rm -rf "$cache_dir"
mkdir -p "$(dirname "$cache_dir")"
"$python" -m venv "$cache_dir" >&2
"$cache_dir/bin/python" -m pip install --quiet --disable-pip-version-check --no-input "schemathesis==$version" >&2
"$cached" --version >&2
touch "$cache_dir/.installed"
say "installed in $(( $(date +%s) - started ))s"
echo "$cached"
