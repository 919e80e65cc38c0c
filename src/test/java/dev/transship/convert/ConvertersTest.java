package dev.transship.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.Json;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ParameterDoc;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConvertersTest {
  @Test
  void registryIsSortedByNameAndNamesAreUnique() {
    List<String> names = Converters.all().stream().map(ConverterSpec::name).toList();
    assertEquals(names.stream().sorted().toList(), names);
    assertEquals(names.size(), Set.copyOf(names).size());
    assertTrue(names.containsAll(List.of("awsServiceToGkeL4", "dropAwsOnlyObjects", "ecrToRegistry", "irsaToWorkloadIdentity",
        "jobsForRestore", "removeControllerFinalizers", "storageClassMap")), names.toString());
    assertTrue(Converters.named("storageClassMap").isPresent());
  }

  @Test
  void everyExampleIsARuleThatCreatesItsConverter() throws Exception {
    for (ConverterSpec spec : Converters.all()) {
      assertFalse(spec.summary().isBlank(), spec.name());
      JsonNode example = Json.YAML.readTree(spec.example());
      assertTrue(example.isArray() && example.size() == 1, spec.name() + " example is one rule or one action");
      // either a whole rule (name, match, actions) or the action itself, as it sits in a rule's actions list
      JsonNode action = example.get(0).has("actions") ? example.get(0).path("actions").get(0) : example.get(0);
      assertEquals(spec.name(), action.path("convert").asText(), spec.name());
      ObjectNode with = action.path("with") instanceof ObjectNode w ? w : Json.object();
      Set<String> documented = spec.parameters().stream().map(ParameterDoc::name).collect(Collectors.toSet());
      with.fieldNames().forEachRemaining(p -> assertTrue(documented.contains(p), spec.name() + " example uses undocumented " + p));
      for (ParameterDoc p : spec.parameters()) {
        assertTrue(!p.required() || with.has(p.name()), spec.name() + " example lacks required " + p.name());
      }
      assertNotNull(spec.create(new ConverterConfig(with)), spec.name());
    }
  }

  @Test
  void converterParametersAreWhatTheRulePacksPass() {
    // rules/eks-to-gke.yaml passes these; a renamed parameter would break the pack at load time
    assertEquals(Set.of("classes", "ebsTypes", "efsClass", "defaultVolumesToFsBackup"), parameters("storageClassMap"));
    assertEquals(Set.of("nodeLabels", "zones", "instanceTypes"), parameters("awsNodeScheduling"));
    assertEquals(Set.of("gcpProject", "serviceAccounts"), parameters("irsaToWorkloadIdentity"));
    assertEquals(Set.of("registries"), parameters("ecrToRegistry"));
    assertEquals(Set.of("target", "extra"), parameters("removeControllerFinalizers"));
  }

  private static Set<String> parameters(String converter) {
    return Converters.named(converter).orElseThrow().parameters().stream().map(ParameterDoc::name).collect(Collectors.toSet());
  }
}
