#!/usr/bin/env bash
# Refresh resources/translations/pos_till_pl.ts (or the .ts file given as the first argument)
# from the strings marked for translation anywhere in pos_client/: tr() and translate() calls
# in the UI, QT_TRANSLATE_NOOP(context, source) in the UI, domain, services, store and config
# (see pos_client/domain/messages.py). New strings appear as type="unfinished" and need a
# Polish translation; strings no longer in the code are dropped (-no-obsolete).
# setup.sh compiles the .ts into the (git-ignored) .qm with pyside6-lrelease.
set -euo pipefail

cd "$(dirname "$0")/.."
ts_file="${1:-resources/translations/pos_till_pl.ts}"

mapfile -t sources < <(find pos_client -name '*.py' -not -path '*/migrations/*' | LC_ALL=C sort)
.venv/bin/pyside6-lupdate -no-obsolete -locations relative -silent \
    "${sources[@]}" \
    -ts "$ts_file"
