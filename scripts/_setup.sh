# Shared set-up for scripts/run and scripts/test (sourced, not run).
# Creates .venv with a suitable Python and installs the project; installs the Debian packages
# Qt and the keyring tests need when they are missing and we may install them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { echo "== $*"; }

pick_python() {
  for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "CTCT Desktop needs Python 3.11 or newer (set PYTHON=/path/to/python3.x)." >&2
  return 1
}

apt_install_missing() {
  # Installs only what is missing, and only where apt-get exists and we are root (or have sudo).
  command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || return 0
  local missing=() pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "Missing system packages: ${missing[*]} (install them with apt-get as root)." >&2
      return 0
    fi
  fi
  say "Installing system packages (${#missing[@]}): ${missing[*]}"
  say "  updating the package lists (apt-get update)..."
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  say "  downloading and installing them (apt-get install; can take a minute)..."
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "  system packages installed."
}

# What Qt needs to draw (offscreen or on X11), per docs/architecture.md "Hazards worth knowing".
QT_DEB_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
                 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
                 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 fonts-dejavu-core)

# Runtimes the snippet tests run generated code with (tests/snippets/test_run_snippets.py); curl,
# node and java are used when present, PHP is cheap to add from the distribution (about 20 MB).
SNIPPET_DEB_PACKAGES=(php-cli php-curl)

pip_install() {
  # On a terminal pip draws its own progress bars; in a log (CI) it prints a line per package
  # (less the lines for what is already there).
  if [ -t 1 ]; then
    .venv/bin/python -m pip install --disable-pip-version-check "$@"
  else
    .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off "$@" |
      { grep -v -E '^(Requirement already satisfied|  Using cached)' || true; }
  fi
}

setup_venv() {
  # $1: the extras to install, comma-separated ("" for the app alone, "test,build" for scripts/test).
  local extras="$1" python stamp target
  python="$(pick_python)"
  if [ ! -x .venv/bin/python ]; then
    say "Creating the Python environment .venv with $("$python" --version 2>&1) (first time only)..."
    "$python" -m venv .venv
  fi
  stamp=".venv/.ctct-installed-${extras:-app}-$(sha1sum pyproject.toml | cut -c1-12)"
  if [ ! -f "$stamp" ]; then
    say "Updating pip in .venv..."
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
    target="."; [ -n "$extras" ] && target=".[$extras]"
    say "Installing CTCT Desktop and its Python packages into .venv (${extras:-the app only}; the first time"
    say "  this downloads about 150 MB, PySide6 most of it)..."
    if ! pip_install -e "$target"; then
      echo "pip install failed (see above)." >&2
      return 1
    fi
    rm -f .venv/.ctct-installed-"${extras:-app}"-*
    touch "$stamp"
    say "Python packages installed."
  fi
}
