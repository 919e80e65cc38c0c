package dev.transship.convert.addons;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.convert.awsonly.DropAwsOnlyObjects;
import dev.transship.kube.KubeObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Admission webhooks of controllers the target will not run. A webhook belongs to such a
 * controller when its {@code clientConfig.service} is an add-on's ({@link SourceCloudAddons}), when
 * its name lives in an AWS domain ({@code mpod.elbv2.k8s.aws}, EKS's own {@code
 * iam-for-pods.amazonaws.com}), or when every API group its rules match is AWS-only. Restored without
 * its controller, a webhook whose failure policy is Fail refuses every write it intercepts, and
 * the AWS Load Balancer Controller's intercepts every Pod and Service create.
 */
public final class ControllerWebhooks {
  public static final Set<String> KINDS = Set.of("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");
  static final String GROUP = "admissionregistration.k8s.io";

  private ControllerWebhooks() {}

  /**
   * One webhook of a configuration whose controller is absent.
   *
   * @param index its position in {@code webhooks}
   * @param blocked what it would refuse on the target: resources outside AWS-only groups it
   *     intercepts with failure policy Fail; empty when it would block nothing that exists there
   */
  public record Orphan(int index, String name, String controller, List<String> blocked) {
    public boolean blocksWrites() {
      return !blocked.isEmpty();
    }

    public String describe() {
      return "webhook " + name + " calls " + controller + (blocked.isEmpty() ? ""
          : "; with failurePolicy Fail and nothing answering, it refuses every " + String.join(", ", blocked));
    }
  }

  public static boolean isWebhookConfiguration(KubeObject object) {
    return GROUP.equals(object.group()) && KINDS.contains(object.kind());
  }

  /** The webhooks of the configuration whose controller the target will not run, in order. */
  public static List<Orphan> orphans(KubeObject configuration) {
    List<Orphan> out = new ArrayList<>();
    JsonNode webhooks = configuration.node().path("webhooks");
    if (!webhooks.isArray()) {
      return out;
    }
    // admissionregistration v1 defaults failurePolicy to Fail; the removed v1beta1 defaulted to Ignore.
    String defaultPolicy = "v1beta1".equals(configuration.version()) ? "Ignore" : "Fail";
    for (int i = 0; i < webhooks.size(); i++) {
      JsonNode webhook = webhooks.get(i);
      if (!webhook.isObject()) {
        continue;
      }
      String controller = controller(webhook);
      if (controller != null) {
        boolean fails = "Fail".equals(webhook.path("failurePolicy").asText(defaultPolicy));
        List<String> blocked = fails ? portableTargets(webhook) : List.of();
        if (!blocked.isEmpty() && (!webhook.path("namespaceSelector").path("matchExpressions").isEmpty()
            || !webhook.path("namespaceSelector").path("matchLabels").isEmpty())) {
          blocked = List.of(String.join("; ", blocked) + " in the namespaces its namespaceSelector picks");
        }
        out.add(new Orphan(i, webhook.path("name").asText("(unnamed)"), controller, blocked));
      }
    }
    return out;
  }

  private static String controller(JsonNode webhook) {
    JsonNode service = webhook.path("clientConfig").path("service");
    String namespace = service.path("namespace").asText("");
    String name = service.path("name").asText("");
    if (!name.isEmpty()) {
      var addon = SourceCloudAddons.servingWebhooks(namespace, name);
      if (addon.isPresent()) {
        return addon.get() + " (Service " + namespace + "/" + name + ")";
      }
    }
    String webhookName = webhook.path("name").asText("");
    int dot = webhookName.indexOf('.');
    String domain = dot < 0 ? "" : webhookName.substring(dot + 1);
    if (awsDomain(domain)) {
      return "an AWS controller (" + domain + ")" + (name.isEmpty() ? "" : " behind Service " + namespace + "/" + name);
    }
    Set<String> groups = groups(webhook);
    if (!groups.isEmpty() && groups.stream().allMatch(DropAwsOnlyObjects::awsOnlyGroup)) {
      return "the controller of " + String.join(", ", groups) + (name.isEmpty() ? "" : " (Service " + namespace + "/" + name + ")");
    }
    return null;
  }

  private static boolean awsDomain(String domain) {
    return !domain.isEmpty() && (DropAwsOnlyObjects.awsOnlyGroup(domain) || domain.endsWith(".k8s.aws") || domain.equals("amazonaws.com")
        || domain.endsWith(".amazonaws.com"));
  }

  private static Set<String> groups(JsonNode webhook) {
    Set<String> groups = new LinkedHashSet<>();
    for (JsonNode rule : webhook.path("rules")) {
      for (JsonNode group : rule.path("apiGroups")) {
        groups.add(group.asText());
      }
    }
    return groups;
  }

  /** "CREATE of pods", "CREATE, UPDATE of ingresses.networking.k8s.io": what the webhook intercepts outside AWS-only groups. */
  private static List<String> portableTargets(JsonNode webhook) {
    List<String> out = new ArrayList<>();
    for (JsonNode rule : webhook.path("rules")) {
      List<String> operations = new ArrayList<>();
      rule.path("operations").forEach(o -> operations.add(o.asText()));
      List<String> resources = new ArrayList<>();
      for (JsonNode group : rule.path("apiGroups")) {
        if (DropAwsOnlyObjects.awsOnlyGroup(group.asText())) {
          continue;
        }
        for (JsonNode resource : rule.path("resources")) {
          resources.add(group.asText().isEmpty() ? resource.asText() : resource.asText() + "." + group.asText());
        }
      }
      if (!resources.isEmpty()) {
        out.add(String.join(", ", operations.isEmpty() ? List.of("write") : operations) + " of " + String.join(", ", resources));
      }
    }
    return out;
  }
}
