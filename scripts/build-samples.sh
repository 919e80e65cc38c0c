#!/usr/bin/env bash
# Rebuilds the bundled sample backups from their manifests. Each sample folder is a storage
# location root: sample-backups/<sample>/backups/<backup-name>/ is what Velero would find in a bucket.
# Packing is deterministic (entry times come from the Backup's completionTimestamp).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for sample in "$here"/sample-backups/*/; do
  sample="${sample%/}"
  [[ -d "$sample/manifests" ]] || continue
  rm -rf "$sample/backups"
  pvbs=()
  [[ -f "$sample/podvolumebackups.yaml" ]] && pvbs=(--pod-volume-backups "$sample/podvolumebackups.yaml")
  "$here/scripts/transship" pack "$sample/manifests" --backup "$sample/backup.yaml" "${pvbs[@]}" --to "$sample"
done
