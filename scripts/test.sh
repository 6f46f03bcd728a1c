#!/usr/bin/env bash
# Full check: set-up, lint, format check, type check, import contracts, tests.
# Arguments are passed to pytest, e.g. ./scripts/test.sh -k basket -x
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

./scripts/setup.sh

# Qt without a display (pytest-qt, widgets in tests).
export QT_QPA_PLATFORM=offscreen
# The set-up installed PostgreSQL: its test cases must run, never be skipped.
export POS_REQUIRE_POSTGRES="${POS_REQUIRE_POSTGRES:-1}"

# Print a header, run the command, stop with its exit code if it fails.
step() {
    local name="$1"
    shift
    printf '\n==> %s\n' "$name"
    local rc=0
    "$@" || rc=$?
    if ((rc != 0)); then
        printf '\n==> FAILED: %s (exit code %d)\n' "$name" "$rc" >&2
        exit "$rc"
    fi
}

step "ruff check" .venv/bin/ruff check .
step "ruff format --check" .venv/bin/ruff format --check .
step "mypy" .venv/bin/mypy
step "import contracts (lint-imports)" .venv/bin/lint-imports

printf '\n==> pytest\n'
rc=0
.venv/bin/python -m pytest "$@" || rc=$?
if ((rc == 5)); then
    printf '\n==> FAILED: pytest collected no tests (exit code 5)\n' >&2
    exit 1
elif ((rc != 0)); then
    printf '\n==> FAILED: pytest (exit code %d)\n' "$rc" >&2
    exit "$rc"
fi

printf '\n==> all checks passed\n'
