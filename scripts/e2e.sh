#!/usr/bin/env bash
# The end-to-end suite on the test bed: real Velero writes the backups transship reads and restores
# the backups transship writes. Starts the bed fresh (scripts/testbed.sh; the first build takes
# many minutes), runs scripts/e2e.py, and stops the bed again unless E2E_KEEP_BED=1.
# Ends with "e2e: N passed, M failed"; exits 0 only when all passed.
# scripts/e2e.sh --capture DIR writes the EKS sample as real Velero backs it up into DIR instead
# (how sample-backups/velero-written was made).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

command -v go >/dev/null || { echo "e2e: Go is not installed; the test bed is built from Go modules" >&2; exit 1; }
python3 -c 'import yaml' 2>/dev/null || { echo "e2e: python3 with PyYAML is needed to read the sample manifests" >&2; exit 1; }
[[ -d "$here/../shared/gke-crds" ]] || { echo "e2e: ../shared (GKE CRDs) must sit beside the checkout" >&2; exit 1; }

"$here/scripts/testbed.sh" down >/dev/null 2>&1 || true
"$here/scripts/testbed.sh" up
if [[ "${E2E_KEEP_BED:-0}" != 1 ]]; then
  trap '"$here/scripts/testbed.sh" down >/dev/null 2>&1 || true' EXIT
fi
eval "$("$here/scripts/testbed.sh" env)"
# Build transship once, before the cases time anything.
"${TRANSSHIP:-$here/scripts/transship}" --version >/dev/null
python3 "$here/scripts/e2e.py" "$@"
