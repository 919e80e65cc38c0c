package dev.transship.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import dev.transship.TransshipException;
import dev.transship.kube.Json;
import dev.transship.plan.PlanYaml;
import dev.transship.plan.RestoreNames;
import dev.transship.plan.RestorePlan;
import dev.transship.testing.CrdSchemas;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The objects a run sends match Velero's own schemas, and the names and tokens behave. */
class RestoreObjectsTest {
  private static final Schema RESTORE = CrdSchemas.load(CrdSchemas.veleroCrd("velero.io_restores.yaml"), "v1");
  private static final Schema DOWNLOAD_REQUEST = CrdSchemas.load(CrdSchemas.veleroCrd("velero.io_downloadrequests.yaml"), "v1");

  @Test
  void everyStageRestoreOfTheEksSamplePlanMatchesVelerosSchema() throws Exception {
    Path file = Path.of("src/test/resources/restore/eks-shop-plan.yaml");
    RestorePlan plan = PlanYaml.read(file);
    PlanCheck.check(file, plan); // a plan convert wrote is runnable as it is
    int restores = 0;
    for (var stage : plan.stages()) {
      if (stage.restore() != null) {
        ObjectNode restore = RestoreObjects.restore(plan.name(), stage, 2, "velero");
        assertEquals(List.of(), CrdSchemas.errors(RESTORE, restore), stage.name());
        assertEquals(RestoreNames.attempt(plan.name(), stage.name(), 2), restore.path("metadata").path("name").asText());
        assertTrue(restore.path("metadata").path("name").asText().length() <= 63);
        restores++;
      }
    }
    assertEquals(6, restores);
  }

  @Test
  void theResultsRequestMatchesVelerosSchema() {
    ObjectNode request = RestoreObjects.resultsRequest("shop-plan-foundation-1", RestoreResults.requestName("shop-plan-foundation-1"), "velero");
    assertEquals(List.of(), CrdSchemas.errors(DOWNLOAD_REQUEST, request));
    assertEquals("RestoreResults", request.path("spec").path("target").path("kind").asText());
    // and a kind Velero does not know would be refused by the same schema
    ObjectNode wrong = request.deepCopy();
    ((ObjectNode) wrong.path("spec").path("target")).put("kind", "RestoreResult");
    assertFalse(CrdSchemas.errors(DOWNLOAD_REQUEST, wrong).isEmpty());
  }

  @Test
  void thePullSecretIsAValidDockerConfigJsonSecret() throws Exception {
    ObjectNode secret = RestoreObjects.pullSecret("shop", "regcred", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", new RegistryLogin("AWS", "tok"));
    Secret typed = Json.MAPPER.treeToValue(secret, Secret.class);
    assertEquals("kubernetes.io/dockerconfigjson", typed.getType());
    JsonNode config = Json.MAPPER.readTree(Base64.getDecoder().decode(typed.getData().get(".dockerconfigjson")));
    JsonNode entry = config.path("auths").path("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    assertEquals("AWS", entry.path("username").asText());
    assertEquals("QVdTOnRvaw==", entry.path("auth").asText());
    assertFalse(RestoreObjects.pullSecret("shop", "regcred", "r", null).toString().contains("tok"));
    assertFalse(new RegistryLogin("AWS", "tok").toString().contains("tok"));
  }

  @Test
  void readsALoginFromADockerConfig(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"auths\":{\"https://ghcr.io\":{\"username\":\"bot\",\"password\":\"pw\"},"
        + "\"quay.io\":{\"auth\":\"" + Base64.getEncoder().encodeToString("u:p:q".getBytes(StandardCharsets.UTF_8)) + "\"}}}");
    assertEquals(new RegistryLogin("bot", "pw"), RegistryCredentials.dockerConfig(file, "ghcr.io"));
    assertEquals(new RegistryLogin("u", "p:q"), RegistryCredentials.dockerConfig(file, "quay.io"));
    TransshipException missing = assertThrows(TransshipException.class, () -> RegistryCredentials.dockerConfig(file, "docker.io"));
    assertTrue(missing.getMessage().endsWith("no login for registry docker.io under auths (credential helpers are not read)"));
  }

  @Test
  void attemptNamesFitALabelValueAndStayDistinct() {
    String longPlan = "a-very-long-plan-name-that-goes-on-and-on-and-on-for-ever";
    String one = RestoreNames.attempt(longPlan, "cutover-reporting", 1);
    String two = RestoreNames.attempt(longPlan, "cutover-reporting", 2);
    assertTrue(one.length() <= 63 && two.length() <= 63, one);
    assertFalse(one.equals(two));
    assertEquals("shop-plan-config-3", RestoreNames.attempt("shop-plan", "config", 3));
  }

  @Test
  void parsesDurationsAsVeleroAndKubectlWriteThem() throws Exception {
    assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
    assertEquals(Duration.ofSeconds(45), Durations.parse("45s"));
    assertEquals("1h30m", Durations.text(Duration.ofMinutes(90)));
    assertThrows(TransshipException.class, () -> Durations.parse("10"));
    assertThrows(TransshipException.class, () -> Durations.parse("0s"));
  }
}
