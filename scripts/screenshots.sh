#!/usr/bin/env bash
# Screenshots of the real till for the README (docs/screenshots/*.png): starts the till's window
# on a virtual X screen (Xvfb, 1280x800) with the demo chain, makes a sale with real X keystrokes
# and taps (xdotool) and grabs the sale screen, a search and the payment dialog.
# Arguments go to scripts/take_screenshots.py, e.g. --out /tmp/shots --keep-data.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

./scripts/setup.sh

# The virtual X server and the X input tool (setup.sh installs xvfb; xdotool is needed only here).
missing=()
command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb xauth)
command -v xdotool >/dev/null 2>&1 || missing+=(xdotool)
if ((${#missing[@]} > 0)); then
    if (($(id -u) == 0)); then
        printf '[screenshots] installing %s\n' "${missing[*]}"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    else
        printf '[screenshots] Missing system packages: %s. Install them, then run %s again:\n\n' \
            "${missing[*]}" "$0" >&2
        printf '    sudo apt-get install -y %s\n\n' "${missing[*]}" >&2
        exit 1
    fi
fi

export QT_QPA_PLATFORM=xcb
args=("$@")
((${#args[@]} > 0)) || args=(--out docs/screenshots)
exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/take_screenshots.py "${args[@]}"
