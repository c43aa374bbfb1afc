#!/bin/sh
# The test suite: sets up .venv/ if needed, then runs every test on the real models.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh models,dev
exec .venv/bin/python -m pytest "$@"
