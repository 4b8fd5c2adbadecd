#!/usr/bin/env bash
# Finds or builds the official Temporal CLI (dev server + Web UI) and prints its path on stdout.
# Order: $TEMPORAL_CLI_PATH, `temporal` on PATH, the cached build, a fresh `go install` into the cache.
# Progress goes to stderr so that callers can do: TEMPORAL_CLI_PATH=$(bash scripts/temporal-cli.sh)
set -euo pipefail

version="v1.5.1" # later tags carry replace directives that `go install` refuses
cache_dir="${SIGNEXPERT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/signexpert}/temporal-cli-$version"
cached="$cache_dir/temporal"

say() { printf 'temporal-cli: %s\n' "$*" >&2; }

if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then
  if [ -x "$TEMPORAL_CLI_PATH" ]; then echo "$TEMPORAL_CLI_PATH"; exit 0; fi
  say "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not an executable file"; exit 1
fi
if on_path=$(command -v temporal 2>/dev/null); then echo "$on_path"; exit 0; fi
if [ -x "$cached" ]; then echo "$cached"; exit 0; fi

if command -v go >/dev/null 2>&1; then
  say "building github.com/temporalio/cli/cmd/temporal@$version into $cache_dir (first time only; a few minutes)"
  mkdir -p "$cache_dir"
  started=$(date +%s)
  # -x would be too chatty; print the module downloads so that a long build shows life.
  CGO_ENABLED=0 GOBIN="$cache_dir" \
    go install "github.com/temporalio/cli/cmd/temporal@$version" >&2
  say "built in $(( $(date +%s) - started ))s"
  echo "$cached"; exit 0
fi

say "no Go toolchain and no Temporal CLI found."
say "Install Go >= 1.25, or set TEMPORAL_CLI_PATH; on a machine with internet,"
say "@temporalio/testing can download a dev server (TestWorkflowEnvironment.createLocal())."
exit 1
