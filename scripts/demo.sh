#!/usr/bin/env bash
# The main job on the bundled EKS sample backup: lint it for GKE, convert it with the eks-to-gke rule
# pack into a new backup folder with an HTML report and a staged restore plan, then inspect the result.
# Builds transship on first use. Output goes to the folder given as $1 (default: a fresh temp folder).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
t="$here/scripts/transship"
sample="$here/sample-backups/eks-shop/backups/eks-shop-nightly-20261120"
out="${1:-$(mktemp -d -t transship-demo-XXXXXX)}"
mkdir -p "$out"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Inspect the sample EKS backup"
"$t" inspect "$sample"

step "Lint it for a GKE target on Kubernetes 1.32 (findings expected; --fail-on never keeps the demo going)"
"$t" lint "$sample" --target gke --target-version 1.32 --source-cluster-name prod-eks-1 --fail-on never

step "Convert it for GKE: new backup, report and staged restore plan (2 error findings: --fail-on never keeps the demo going)"
"$t" convert "$sample" \
  --rules "$here/rules/eks-to-gke.yaml" --values "$here/sample-backups/eks-shop/values-gke.yaml" \
  --to "$out/location" --name eks-shop-on-gke \
  --report "$out/report.html" --plan "$out/plan.yaml" --fail-on never

step "Inspect the converted backup (what Velero's sync would import from $out/location)"
"$t" inspect "$out/location/backups/eks-shop-on-gke"

step "The restore plan"
"$t" plan show "$out/plan.yaml"

printf '\nReport: %s\nPlan:   %s\nBackup: %s\n' "$out/report.html" "$out/plan.yaml" "$out/location/backups/eks-shop-on-gke"
