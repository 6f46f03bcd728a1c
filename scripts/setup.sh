#!/usr/bin/env bash
# Idempotent developer/CI set-up for the pos-till project.
#
#   1. system libraries (apt) needed by pyzbar, Qt 6 / PySide6, xvfb and PostgreSQL
#   2. a Python >= 3.11 interpreter (override with PYTHON=/path/to/python3.11)
#   3. .venv in the repository root with `pip install -e '.[dev]'`
#   4. Qt translations: resources/translations/*.ts -> *.qm
#
# Safe to run repeatedly: each step only acts when something is missing or stale.
# Extra apt packages can be added with POS_EXTRA_APT_PACKAGES="pkg1 pkg2".
set -euo pipefail

# System packages (Debian/Ubuntu names). Extend here.
APT_PACKAGES="
    libzbar0
    libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0
    libdbus-1-3 libglib2.0-0
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
    libxcb-xkb1 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0
    libx11-xcb1 libxrender1 libxi6
    fonts-dejavu-core
    xvfb xauth
    postgresql
"
APT_PACKAGES+=" ${POS_EXTRA_APT_PACKAGES:-}"

MIN_PYTHON="3.11"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# --- Python interpreter (checked first: it may add python3-venv to the apt list) ---

PYTHON_FROM_ENV="${PYTHON:-}"
PYTHON="${PYTHON:-python3}"

python_ok() {  # is "$1" a Python >= MIN_PYTHON?
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null
}

python_version() {
    "$1" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null || echo "unknown"
}

check_python_version() {
    python_ok "$PYTHON" || die "pos-till needs Python >= $MIN_PYTHON, but '$PYTHON' is \
Python $(python_version "$PYTHON"). Install a newer Python and run again with \
PYTHON=/path/to/python3.11 $0"
}

venv_ok() { [[ -x .venv/bin/python ]] && python_ok .venv/bin/python; }

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    if [[ -n "$PYTHON_FROM_ENV" ]]; then
        die "PYTHON=$PYTHON_FROM_ENV was given but is not an executable Python."
    fi
    # No python3 at all: Debian 12 / Ubuntu 24.04 ship a new enough one.
    say "python3 not found; adding python3 and python3-venv to the system packages"
    APT_PACKAGES+=" python3 python3-venv"
else
    check_python_version
    # Debian/Ubuntu split `venv`/`ensurepip` into python3-venv; needed only to create .venv.
    if ! venv_ok && ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
        say "'$PYTHON -m venv' would fail (no ensurepip); adding python3-venv to the system packages"
        APT_PACKAGES+=" python3-venv"
    fi
fi

# --- System packages ---

# Split the whitespace/newline separated list into an array.
read -r -d '' -a packages <<<"$APT_PACKAGES" || true
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "${packages[@]}"; do
        # shellcheck disable=SC2016  # ${Status} is a dpkg-query format field, not a shell variable
        status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
        # "install ok installed" / "hold ok installed"; anything else counts as missing
        [[ "$status" == *"ok installed"* ]] || missing+=("$pkg")
    done
    if ((${#missing[@]} == 0)); then
        say "system packages: all ${#packages[@]} present"
    elif (($(id -u) == 0)); then
        say "system packages: installing ${missing[*]}"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    else
        printf '[setup] Missing system packages: %s\n' "${missing[*]}" >&2
        printf '[setup] Install them (as an administrator), then run %s again:\n\n' "$0" >&2
        printf '    sudo apt-get install -y %s\n\n' "${missing[*]}" >&2
        printf '[setup] (If apt cannot find a package, run "sudo apt-get update" first.)\n' >&2
        exit 1
    fi
else
    say "WARNING: dpkg-query not found (not Debian/Ubuntu?); make sure these are installed:"
    say "  ${packages[*]}"
fi

# Re-check Python in case apt just installed it (or python3-venv).
command -v "$PYTHON" >/dev/null 2>&1 || die "'$PYTHON' not found. Install Python >= $MIN_PYTHON \
or set PYTHON=/path/to/python3.11."
check_python_version

# --- Virtual environment ---

if ! venv_ok; then
    "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1 || die "'$PYTHON' cannot create a venv \
(ensurepip missing). On Debian/Ubuntu install python3-venv."
    if [[ -e .venv ]]; then
        say ".venv is broken or older than Python $MIN_PYTHON: recreating it with $PYTHON"
        "$PYTHON" -m venv --clear .venv
    else
        say "creating .venv with $PYTHON (Python $(python_version "$PYTHON"))"
        "$PYTHON" -m venv .venv
    fi
fi

# The stamp records which pyproject.toml the venv was installed from.
pyproject_hash="$(sha256sum pyproject.toml | cut -d' ' -f1)"
stamp=".venv/.installed-$pyproject_hash"
if [[ -f "$stamp" && -x .venv/bin/pos-till ]]; then
    say "Python packages: up to date (pyproject.toml unchanged)"
else
    say "Python packages: installing -e '.[dev]' into .venv (this can take a few minutes)"
    pip=(.venv/bin/python -m pip --quiet --disable-pip-version-check)
    "${pip[@]}" install --upgrade pip
    "${pip[@]}" install -e '.[dev]'
    rm -f .venv/.installed-*
    touch "$stamp"
fi

# --- Qt translations (.ts -> .qm next to them; only stale ones) ---

shopt -s nullglob
ts_files=(resources/translations/*.ts)
shopt -u nullglob
compiled=0
for ts in "${ts_files[@]}"; do
    qm="${ts%.ts}.qm"
    if [[ ! -f "$qm" || "$ts" -nt "$qm" ]]; then
        .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"
        compiled=$((compiled + 1))
    fi
done
if ((${#ts_files[@]} > 0)); then
    say "translations: ${#ts_files[@]} .ts file(s), $compiled compiled"
fi

say "everything is in place (${SECONDS}s)"
