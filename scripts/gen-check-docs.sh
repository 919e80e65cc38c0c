#!/usr/bin/env bash
# Regenerates docs/checks.md, the catalogue of lint checks and convert findings the README links to.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$here/docs"
"$here/scripts/transship" lint --list-checks -o markdown > "$here/docs/checks.md"
