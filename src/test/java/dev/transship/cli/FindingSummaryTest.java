package dev.transship.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.transship.archive.ItemKey;
import dev.transship.finding.Finding;
import dev.transship.finding.FindingLog;
import dev.transship.finding.ObjectRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingSummaryTest {
  private static Finding finding(String severity, String check, int i) {
    ObjectRef ref = new ObjectRef("v1", "ServiceAccount", new ItemKey("serviceaccounts", "shop", "sa-" + i));
    return switch (severity) {
      case "error" -> Finding.error(check, ref, "message " + i, "hint");
      case "warning" -> Finding.warning(check, ref, "message " + i, "hint");
      default -> Finding.info(check, ref, "message " + i);
    };
  }

  private static String print(List<Finding> findings, boolean verbose) {
    var text = new StringWriter();
    try (FindingLog log = new FindingLog()) {
      findings.forEach(log::add);
      FindingSummary.print(new PrintWriter(text, true), log, verbose);
    }
    return text.toString();
  }

  @Test
  void fewFindingsAreListedOneByOneWithoutInfo() {
    List<Finding> findings = List.of(finding("warning", "alb-group-name", 1), finding("info", "storage-class-mapped", 2),
        finding("error", "irsa-unmapped", 3));
    String text = print(findings, false);
    assertEquals(2, text.lines().count(), text);
    assertTrue(text.contains("irsa-unmapped") && text.contains("message 3") && !text.contains("storage-class-mapped"), text);
  }

  @Test
  void manyAreSummedUpByCheckErrorsFirstWithExamplesAndVerboseListsThemAll() {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      findings.add(finding("warning", "alb-group-name", i));
    }
    for (int i = 0; i < 40; i++) {
      findings.add(finding("error", "irsa-unmapped", i));
    }
    String text = print(findings, false);
    List<String> lines = text.lines().toList();
    assertTrue(lines.get(0).matches("\\s+error\\s+irsa-unmapped\\s+40"), lines.get(0));
    assertTrue(text.contains("... and 37 more") && text.contains("... and 497 more"), text);
    assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+warning\\s+alb-group-name\\s+500")), text);
    assertTrue(lines.size() < 15, text);
    assertEquals(540, print(findings, true).lines().count());
  }
}
