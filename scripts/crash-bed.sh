#!/usr/bin/env bash
# Crash safety on the test bed, judged by real Velero's backup sync (every 5 s on the bed): a
# convert into the target bucket is SIGKILLed at spread-out moments; after each kill, two sync
# periods later, the target's Velero must have no Backup of that name unless the killed run had
# finished (then `inspect` must read it whole). The rerun must succeed and its Backup sync in.
# The bed runs once per machine: flock /tmp/transship-bed.lock scripts/crash-bed.sh
# Ends with "crash-bed: N kills, M imported half-written"; exits 0 only when M is 0.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/testbed.sh" down >/dev/null 2>&1 || true
"$here/scripts/testbed.sh" up
trap '"$here/scripts/testbed.sh" down >/dev/null 2>&1 || true' EXIT
eval "$("$here/scripts/testbed.sh" env)"
transship="$here/scripts/transship"
"$transship" --version >/dev/null
source="$here/sample-backups/eks-shop/backups/eks-shop-nightly-20261120"
started=$(date +%s%N)
"$transship" convert "$source" --to s3://target --s3-endpoint "$TESTBED_S3_ENDPOINT" --name crash-full >/dev/null
whole_ms=$(( ($(date +%s%N) - started) / 1000000 ))
kills=0 bad=0
for step in 1 2 3 4 5 6 7 8; do
  name="crash-kill-$step"
  delay_ms=$(( whole_ms * step / 9 ))
  timeout -s KILL "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))" \
    "$transship" convert "$source" --to s3://target --s3-endpoint "$TESTBED_S3_ENDPOINT" --name "$name" >/dev/null 2>&1 \
    && finished=1 || finished=0
  kills=$((kills + 1 - finished))
  sleep 11
  if kubectl --context target -n velero get backups.velero.io "$name" >/dev/null 2>&1; then
    if ! "$transship" inspect "s3://target/backups/$name" --s3-endpoint "$TESTBED_S3_ENDPOINT" >/dev/null 2>&1; then
      echo "crash-bed: killed at ${delay_ms} ms of ${whole_ms}: Velero imported $name, which does not read whole" >&2
      bad=$((bad + 1))
    fi
  fi
  if [[ $finished == 0 ]]; then
    # A kill after the last upload but before the JVM exited leaves a whole backup: the rerun may
    # then only say it exists.
    rerun=$("$transship" convert "$source" --to s3://target --s3-endpoint "$TESTBED_S3_ENDPOINT" --name "$name" 2>&1 >/dev/null) \
      || [[ $rerun == *"already exists"* ]] || { echo "crash-bed: the rerun of $name failed: $rerun" >&2; bad=$((bad + 1)); }
    for _ in $(seq 30); do
      kubectl --context target -n velero get backups.velero.io "$name" >/dev/null 2>&1 && break
      sleep 2
    done
    kubectl --context target -n velero get backups.velero.io "$name" -o jsonpath='{.status.phase}' | grep -qx Completed \
      || { echo "crash-bed: the rerun of $name did not sync in as Completed" >&2; bad=$((bad + 1)); }
  fi
done
echo "crash-bed: $kills kills during a ${whole_ms} ms convert, $bad imported half-written"
[[ $bad == 0 ]]
