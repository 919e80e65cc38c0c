import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compiles removed-apis.yaml (the reviewed source, with its comments) into the JSON lint loads:
 * parsing JSON at start-up is ~50 ms cheaper than YAML. Run by scripts/gen-removed-apis.sh.
 */
public class RemovedApisJson {
  public static void main(String[] args) throws Exception {
    JsonNode apis = new YAMLMapper().readTree(Path.of(args[0]).toFile()).path("apis");
    Files.writeString(Path.of(args[1]), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(apis) + "\n");
  }
}
