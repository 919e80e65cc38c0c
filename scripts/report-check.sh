#!/usr/bin/env bash
# The HTML report at scale: generates a backup in which eks-to-gke changes at least 25,000 objects
# (scripts/gen-bench-backup.py; 280 MiB holds about 48,000 items), converts it with --report, and
# prints the report's size and what a reader waits for in headless Chromium (scripts/report-check.mjs):
# page ready, opening the largest group, following a link to one object. Writes the screenshots to
# docs/report-25k.png and docs/report-25k-object.png.
#
# Usage: scripts/report-check.sh [SIZE_MIB]   (needs python3, node and chromium; CHROMIUM=path to pick one)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-280}"
work="$here/target/report-check"
t="$here/scripts/transship"
mkdir -p "$work"

backup="$work/loc/backups/report-$size"
if [[ ! -f "$backup/velero-backup.json" ]]; then
  python3 "$here/scripts/gen-bench-backup.py" "$size" "$work/loc" "report-$size" >&2
fi
cat > "$work/values-gke.yaml" <<'VALUES'
gcpProject: acme-prod-123
registries:
  123456789012.dkr.ecr.us-east-1.amazonaws.com: europe-west1-docker.pkg.dev/acme-prod-123/apps
VALUES

rm -rf "$work/out.tar.gz" "$work/report.html"
# Run from the work folder with relative paths, as a user would (the report shows them absolute).
(cd "$work" && "$t" convert "loc/backups/report-$size" --rules "$here/rules/eks-to-gke.yaml" --values values-gke.yaml --to out.tar.gz \
  --name converted --fail-on never --quiet --report report.html | head -3)
objects=$(grep -o 'data-n="[0-9]*" data-blob="g' "$work/report.html" | awk -F'"' '{ n += $2 } END { print n }')
awk -v b="$(stat -c %s "$work/report.html")" -v n="$objects" \
  'BEGIN { printf "report: %d bytes (%.2f MB) for %d objects (changed, dropped, generated or with findings)\n", b, b / 1e6, n }'

flag=--experimental-websocket
node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2>/dev/null && flag=
node $flag "$here/scripts/report-check.mjs" "$work/report.html" "$here/docs/report-25k.png" "$here/docs/report-25k-object.png" \
  2> >(grep -v -e ExperimentalWarning -e 'node --trace-warnings' >&2)
