#!/usr/bin/env bash
# Refresh resources/translations/pos_till_pl.ts from the tr()/translate() strings
# in pos_client/ui/*.py. New strings appear as type="unfinished" and need a
# Polish translation; strings no longer in the code are dropped (-no-obsolete).
# setup.sh compiles the .ts into the (git-ignored) .qm with pyside6-lrelease.
set -euo pipefail

cd "$(dirname "$0")/.."

.venv/bin/pyside6-lupdate -no-obsolete -locations relative \
    pos_client/ui/*.py \
    -ts resources/translations/pos_till_pl.ts
