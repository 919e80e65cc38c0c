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
#   Each size runs R rounds (default 3) of the floor and every command, interleaved; the table gives
#   medians. Before them, round 0 runs each command once as the first run after a build: a long run
#   on JDK 25+ records its method profile there (scripts/transship), and the table lists it apart.
#   N (default 11) is the number of 1,000-object lint runs.
#
# Usage: scripts/bench.sh [--sizes "100 300 1024"] [--rounds R] [--runs N]   (needs python3 and GNU time)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="100 300 1024"
runs=11
rounds=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: scripts/bench.sh [--sizes \"100 300 1024\"] [--rounds R] [--runs N]" >&2; exit 2 ;;
  esac
done
[[ -x /usr/bin/time ]] || { echo "bench: GNU time (/usr/bin/time) is needed for peak RSS" >&2; exit 1; }
work="$here/target/bench"
t="$here/scripts/transship"
mkdir -p "$work"
"$t" --version >/dev/null # build, and record the start-up cache, before anything is timed
rm -f "$here"/target/transship-startup.long-* # each command's first long run records its profile in round 0

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
# This machine's speed drifts by half within an hour (the floor on one file: 12.5 s to 22 s), so each
# size runs in rounds: the floor and every command once per round, side by side. A ratio is the median
# of the rounds' ratios (each command against its own round's floor); wall is the median wall, RSS the peak.
results="$work/results.txt"
: > "$results"
for size in $sizes; do
  b="$(backup "$size")"
  tarball="$b/bench-${size}m.tar.gz"
  bytes=$(gzip -dc "$tarball" | wc -c)
  record() { # round name command... -> one line in $results (objects filled in after the rounds)
    local round="$1" name="$2" wall rss
    shift 2
    rm -rf "$work/out"
    read -r wall rss < <(timed "$@")
    (( round > 0 )) || [[ "$name" == floor* ]] || name+=" (first run after a build)"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "@objects" "$bytes" "$round" "$name" "$wall" "$rss" >> "$results"
  }
  for round in $(seq 0 "$rounds"); do
    record "$round" "floor: gzip -dc \| gzip -6" bash -c "gzip -dc '$tarball' | gzip -6 > /dev/null"
    record "$round" inspect "$t" inspect "$b"
    record "$round" "lint --target gke" "$t" lint "$b" --target gke --target-version 1.32 --fail-on never
    record "$round" "convert (identity)" "$t" convert "$b" --to "$work/out" --name identity --quiet
    record "$round" "convert --rules eks-to-gke" "$t" convert "$b" --to "$work/out" --name gke --quiet \
      --rules "$here/rules/eks-to-gke.yaml" --values "$values" --fail-on never
    (( round > 0 )) || continue # the variants below share the convert's profile: never a first run
    record "$round" "convert --rules eks-to-gke --compression-level 1" "$t" convert "$b" --to "$work/out" --name gke1 --quiet \
      --rules "$here/rules/eks-to-gke.yaml" --values "$values" --fail-on never --compression-level 1
    # the same at level 6 with the JDK's zlib, where libdeflate compressed the line above that
    TRANSSHIP_JAVA_OPTS=-Dtransship.deflate=zlib record "$round" "convert --rules eks-to-gke, zlib" "$t" convert "$b" \
      --to "$work/out" --name gkez --quiet --rules "$here/rules/eks-to-gke.yaml" --values "$values" --fail-on never
  done
  objects=$("$t" inspect "$b" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')
  sed -i "s/\t@objects\t/\t$objects\t/" "$results"
done
rm -rf "$work/out"
python3 - "$results" "$rounds" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
print(f"{sys.argv[2]} round(s) per size after round 0; × floor is the median of the rounds' ratios.")
print()
print("| backup | command | wall s | × floor | MB/s | objects/s | peak RSS MB |")
print("|---|---|---|---|---|---|---|")
floors = {(r[0], r[3]): float(r[5]) for r in rows if r[4].startswith("floor")}
for size in dict.fromkeys(r[0] for r in rows):
    runs = [r for r in rows if r[0] == size]
    objects, nbytes = int(runs[0][1]), int(runs[0][2])
    for name in dict.fromkeys(r[4] for r in runs):
        mine = [r for r in runs if r[4] == name]
        wall = statistics.median(float(r[5]) for r in mine)
        ratio = statistics.median(float(r[5]) / floors[(size, r[3])] for r in mine)
        rss = "" if name.startswith("floor") else f"{max(int(r[6]) for r in mine) / 1024:.0f}"
        print(f"| {size} MiB, {objects} objects | {name} | {wall:.2f} | {ratio:.2f} | {nbytes / 1e6 / wall:.0f} | {objects / wall:,.0f} | {rss} |")
PY
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
