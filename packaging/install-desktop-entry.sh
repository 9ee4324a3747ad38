#!/usr/bin/env bash
# Installs the launcher and icon for the current user (Linux desktops following the XDG specs).
# Run after `scripts/run` has created .venv; the launcher points at this checkout's .venv.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
ICONS="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
mkdir -p "$APPS" "$ICONS"
cp "$ROOT/resources/icons/ctct-desktop.svg" "$ICONS/ctct-desktop.svg"
sed "s|^Exec=ctct-desktop|Exec=$ROOT/.venv/bin/ctct-desktop|" "$ROOT/packaging/ctct-desktop.desktop" \
  > "$APPS/ctct-desktop.desktop"
echo "Installed $APPS/ctct-desktop.desktop"
