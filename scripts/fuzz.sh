#!/usr/bin/env bash
# The long fuzz run (mvn verify runs a 30 s one): each Jazzer target fuzzes for its maxDuration
# (10 min) in a JVM of its own, ROUNDS times over (default 1). The corpus grows in .cifuzz-corpus/
# and carries over to the next run; a crash stops the run, and Jazzer stores its input under
# src/test/resources/<package>/<Test>Inputs/<method>/, where every later `mvn test` replays it.
# Commit that file with the fix: the crash is then a regression test.
#   scripts/fuzz.sh [ROUNDS] [TARGET...]   e.g. scripts/fuzz.sh 3 RulePackFuzzTest
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-1}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(ArchiveReaderFuzzTest ConverterFuzzTest RulePackFuzzTest PlanFuzzTest DockerConfigFuzzTest)
fi
mvn -B -q test-compile
for ((round = 1; round <= rounds; round++)); do
  for target in "${targets[@]}"; do
    echo "fuzz.sh: round $round/$rounds: $target" >&2
    JAZZER_FUZZ=1 mvn -B -q surefire:test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -DargLine='-Djazzer.instrumentation_includes=dev.transship.**' -Dsurefire.reportsDirectory=target/fuzz-reports
  done
done
