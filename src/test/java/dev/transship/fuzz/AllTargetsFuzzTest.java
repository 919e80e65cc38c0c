package dev.transship.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.transship.restore.DockerConfigFuzzTest;
import java.io.IOException;

/**
 * Every fuzz target in one: Jazzer fuzzes one test per JVM, so the short run in {@code mvn verify}
 * lets the fuzzer's first byte pick the target and pays for one JVM, not five.
 * {@code scripts/fuzz.sh} fuzzes each target on its own for longer.
 */
class AllTargetsFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void anyTarget(FuzzedDataProvider data) throws IOException {
    switch (data.consumeInt(0, 4)) {
      case 0 -> ArchiveReaderFuzzTest.target(data);
      case 1 -> ConverterFuzzTest.target(data);
      case 2 -> RulePackFuzzTest.target(data);
      case 3 -> PlanFuzzTest.target(data);
      default -> DockerConfigFuzzTest.target(data);
    }
  }
}
