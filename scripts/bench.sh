#!/bin/sh
# One benchmark from a fresh clone: sets up .venv/ (as the tests do), then runs
# bench/NAME.py with the remaining arguments, e.g.
#   ./scripts/bench.sh turn_latency --model base
#   ./scripts/bench.sh ask_load --clients 50 --seconds 30
set -eu
cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || [ ! -f "bench/$1.py" ]; then
    echo "usage: scripts/bench.sh NAME [ARGS...]; NAME is one of:" >&2
    for f in bench/*.py; do basename "$f" .py; done >&2
    exit 2
fi
name=$1
shift
sh scripts/setup.sh models,dev
# Run as a module from the root: benchmarks import the test helpers (tests.support).
exec .venv/bin/python -m "bench.$name" "$@"
