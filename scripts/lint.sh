#!/bin/sh
# Static checks, as CI runs them: ruff on the repository, mypy on the guichet package.
set -eu
cd "$(dirname "$0")/.."
.venv/bin/ruff check .
# mypy finds a module by its folder; the five folders are guichet.* only once installed
# (setuptools' package-dir), so mypy reads them through links named as the package.
tree=.venv/typecheck/guichet
mkdir -p "$tree"
for part in content voice kiosk tours hardware; do
    ln -sfn "$PWD/$part" "$tree/$part"
done
MYPYPATH=.venv/typecheck .venv/bin/mypy -p guichet
