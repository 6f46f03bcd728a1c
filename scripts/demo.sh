#!/usr/bin/env bash
# Set up, then start the till in demo mode. Arguments go to `pos-till demo`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

./scripts/setup.sh

# Qt needs a display, or an explicit platform plugin (e.g. offscreen).
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
    cat >&2 <<'EOF'

Set-up succeeded, but there is no display (DISPLAY / WAYLAND_DISPLAY unset)
and QT_QPA_PLATFORM is not set, so the demo cannot open a window. Either:

  xvfb-run -a ./scripts/demo.sh                  # virtual X display: shows nothing, exercises the app
  QT_QPA_PLATFORM=offscreen ./scripts/demo.sh    # Qt renders off-screen
  or run ./scripts/demo.sh on a machine with a desktop.
EOF
    exit 2
fi

exec .venv/bin/pos-till demo "$@"
