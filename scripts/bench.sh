#!/usr/bin/env bash
# Benchmarks that the issues set targets for, measured on whole command runs (JVM start included):
#   - lint of a 1,000-object backup: wall time (target < 0.6 s on a 2-core machine)
#   - convert and lint of 10k and 100k-object backups under a 96 MiB heap: memory stays flat
#     (max resident set size from /usr/bin/time)
# Usage: scripts/bench.sh [runs]   (needs python3; uses hyperfine when installed)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
work="$here/target/bench"
t="$here/scripts/transship"
mkdir -p "$work"

make_backup() { # n -> prints the backup folder
  local n="$1" dir="$work/b$1"
  if [[ ! -f "$dir/location/backups/bench-$n/velero-backup.json" ]]; then
    rm -rf "$dir"
    python3 "$here/scripts/gen-backup-manifests.py" "$n" "$dir/manifests"
    "$t" pack "$dir/manifests" --backup "$dir/backup.yaml" --to "$dir/location" >/dev/null
  fi
  echo "$dir/location/backups/bench-$n"
}

b1k="$(make_backup 1000)"
# The launcher records its start-up cache on a training run after each build; one run triggers it.
"$t" --version >/dev/null

echo "== lint, 1,000 objects (target < 0.6 s)"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs "$runs" "$t lint $b1k --target gke --target-version 1.32 --fail-on never"
else
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$t" lint "$b1k" --target gke --target-version 1.32 --fail-on never >/dev/null; done
  end=$(date +%s%N)
  echo "mean wall time: $(( (end - start) / runs / 1000000 )) ms over $runs runs"
fi

echo "== memory: a 96 MiB heap carries 10k and 100k objects; max RSS should barely move"
# Convert keeps 8 bytes per item plus the resource list's names; lint keeps what its checks need
# and spills findings to sorted temp files, so the run for GKE, where most objects have a finding,
# stays flat too.
for n in 10000 100000; do
  b="$(make_backup "$n")"
  rm -rf "$work/out$n"
  TRANSSHIP_JAVA_OPTS="-Xmx96m" /usr/bin/time -f "$n objects: convert %e s, max RSS %M KB" "$t" convert "$b" --to "$work/out$n" --name "copy-$n" >/dev/null
  TRANSSHIP_JAVA_OPTS="-Xmx96m" /usr/bin/time -f "$n objects: lint %e s, max RSS %M KB" "$t" lint "$b" --target gke --target-version 1.32 --fail-on never >/dev/null
done
