#!/bin/sh
# Set up podium in ./.venv: system libraries (when we can install them) and the package.
#   sh scripts/setup.sh          what `podium build` needs
#   sh scripts/setup.sh --test   also what the tests need (pdftoppm, Chromium, Node for axe-core,
#                                test packages)
set -eu
cd "$(dirname "$0")/.."
TEST=0
[ "${1:-}" = "--test" ] && TEST=1

# WeasyPrint needs Pango; libharfbuzz-subset0 halves its PDF writing time.
PKGS="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
[ "$TEST" = 1 ] && PKGS="$PKGS poppler-utils chromium"
# Node.js and npm by command, not by package: a Node.js from elsewhere (NodeSource's carries its
# own npm, and conflicts with Debian's npm package) is as good.
[ "$TEST" = 1 ] && ! command -v npm >/dev/null 2>&1 && PKGS="$PKGS nodejs npm"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    if command -v apt-get >/dev/null 2>&1; then
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
    else
        echo "setup: please install:$missing" >&2
    fi
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$TEST" = 1 ]; then
    .venv/bin/python -m pip install -q -e ".[test]"
else
    .venv/bin/python -m pip install -q -e .
fi
if [ "$TEST" = 1 ] && command -v npm >/dev/null 2>&1; then
    # axe-core for the site's accessibility test, at the version in tests/axe/package-lock.json.
    (cd tests/axe && npm ci --ignore-scripts --no-audit --no-fund --silent)
fi
