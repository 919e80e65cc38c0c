#!/usr/bin/env bash
# The performance benchmark (docs/benchmarks.md): whole command runs, JVM start included, side by
# side with the floor on the same file in the same run.
#
#   1. Realistic Velero backups of 100 MiB, 300 MiB and 1 GiB uncompressed (scripts/gen-bench-backup.py;
#      generated once into target/bench). For each: the floor `gzip -dc | gzip -6 > /dev/null`,
#      inspect, lint for GKE, identity convert and convert with rules/eks-to-gke.yaml; wall time,
#      ratio to the floor, MB/s (uncompressed), objects/s and peak RSS.
#   2. lint of a 1,000-object backup: median wall time of N runs, on the machine's default JDK and
#      on the newest one present.
#
# Usage: scripts/bench.sh [--sizes "100 300 1024"] [--runs N]   (needs python3 and GNU time)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="100 300 1024"
runs=11
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: scripts/bench.sh [--sizes \"100 300 1024\"] [--runs N]" >&2; exit 2 ;;
  esac
done
[[ -x /usr/bin/time ]] || { echo "bench: GNU time (/usr/bin/time) is needed for peak RSS" >&2; exit 1; }
work="$here/target/bench"
t="$here/scripts/transship"
mkdir -p "$work"
"$t" --version >/dev/null # build, and record the start-up cache, before anything is timed

# Values for eks-to-gke that fit the generated backups: their images are in this ECR registry.
values="$work/values-gke.yaml"
cat > "$values" <<'EOF'
gcpProject: acme-prod-123
registries:
  123456789012.dkr.ecr.us-east-1.amazonaws.com: europe-west1-docker.pkg.dev/acme-prod-123/apps
EOF

backup() { # size in MiB -> prints the backup folder, generating it once
  local dir="$work/loc/backups/bench-$1m"
  if [[ ! -f "$dir/velero-backup.json" ]]; then
    python3 "$here/scripts/gen-bench-backup.py" "$1" "$work/loc" "bench-$1m" >&2
  fi
  echo "$dir"
}

# One timed run: prints "<wall seconds> <peak RSS KiB>"; the command's output is thrown away.
timed() {
  /usr/bin/time -o "$work/time.txt" -f "%e %M" "$@" >/dev/null 2>"$work/stderr.txt" || {
    local rc=$?
    # convert exits 1 when findings reach --fail-on, lint too: both are results, not failures
    [[ $rc -eq 1 ]] || { echo "bench: '$*' failed (exit $rc):" >&2; tail -3 "$work/stderr.txt" >&2; exit 1; }
  }
  tail -1 "$work/time.txt"
}

echo "# transship benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "java: $(head -1 "$here/target/transship-startup.java" 2>/dev/null | awk '{print $1}'); $("$t" --version | tail -1)"
echo
echo "| backup | command | wall s | × floor | MB/s | objects/s | peak RSS MB |"
echo "|---|---|---|---|---|---|---|"
for size in $sizes; do
  b="$(backup "$size")"
  tarball="$b/bench-${size}m.tar.gz"
  bytes=$(gzip -dc "$tarball" | wc -c)
  objects=$("$t" inspect "$b" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')
  label="${size} MiB, $objects objects"
  read -r floor _ < <(timed bash -c "gzip -dc '$tarball' | gzip -6 > /dev/null")
  row() { # name wall rss
    python3 -c "
import sys
name, wall, rss, floor, size, objects = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
print(f'| $label | {name} | {wall:.2f} | {wall / floor:.2f} | {size / 1e6 / wall:.0f} | {objects / wall:,.0f} | {rss / 1024:.0f} |')
" "$1" "$2" "$3" "$floor" "$bytes" "$objects"
  }
  row "floor: gzip -dc \| gzip -6" "$floor" 0
  read -r wall rss < <(timed "$t" inspect "$b"); row inspect "$wall" "$rss"
  read -r wall rss < <(timed "$t" lint "$b" --target gke --target-version 1.32 --fail-on never); row "lint --target gke" "$wall" "$rss"
  rm -rf "$work/out"
  read -r wall rss < <(timed "$t" convert "$b" --to "$work/out" --name identity --quiet); row "convert (identity)" "$wall" "$rss"
  rm -rf "$work/out"
  read -r wall rss < <(timed "$t" convert "$b" --to "$work/out" --name gke --quiet --rules "$here/rules/eks-to-gke.yaml" \
    --values "$values" --fail-on never); row "convert --rules eks-to-gke" "$wall" "$rss"
  rm -rf "$work/out"
  read -r wall rss < <(timed "$t" convert "$b" --to "$work/out" --name gke1 --quiet --rules "$here/rules/eks-to-gke.yaml" \
    --values "$values" --fail-on never --compression-level 1); row "convert --rules eks-to-gke --compression-level 1" "$wall" "$rss"
  rm -rf "$work/out"
  # the same at level 6 with the JDK's zlib, where libdeflate compressed the line above that
  read -r wall rss < <(TRANSSHIP_JAVA_OPTS=-Dtransship.deflate=zlib timed "$t" convert "$b" --to "$work/out" --name gkez --quiet \
    --rules "$here/rules/eks-to-gke.yaml" --values "$values" --fail-on never); row "convert --rules eks-to-gke, zlib" "$wall" "$rss"
  rm -rf "$work/out"
done

echo
echo "lint of a 1,000-object backup, median of $runs runs (JVM start included):"
small="$work/b1000"
if [[ ! -f "$small/location/backups/bench-1000/velero-backup.json" ]]; then
  python3 "$here/scripts/gen-backup-manifests.py" 1000 "$small/manifests"
  "$t" pack "$small/manifests" --backup "$small/backup.yaml" --to "$small/location" >/dev/null
fi
median() { # command... -> median wall seconds
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    times+=("$(( (e - s) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1000}'
}
# The default JDK and every other one installed, each once.
declare -A seen=()
for java in "$(command -v java)" /usr/lib/jvm/*/bin/java; do
  [[ -x "$java" ]] || continue
  real="$(readlink -f "$java")"
  [[ -z "${seen[$real]:-}" ]] || continue
  seen[$real]=1
  version="$("$java" -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
  echo "- JDK $version ($real): $(TRANSSHIP_JAVA="$real" median "$t" lint "$small/location/backups/bench-1000" --target gke --target-version 1.32 --fail-on never) s"
done
