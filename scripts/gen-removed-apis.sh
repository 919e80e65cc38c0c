#!/usr/bin/env bash
# Regenerates src/main/resources/dev/transship/kube/removed-apis.json from removed-apis.yaml.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$here/src/main/resources/dev/transship/kube"
"$here/scripts/transship" --version >/dev/null   # builds the jar when needed
java -cp "$here/target/transship-0.1.0-SNAPSHOT-all.jar" "$here/scripts/RemovedApisJson.java" "$dir/removed-apis.yaml" "$dir/removed-apis.json"
