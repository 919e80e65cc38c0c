package dev.transship.convert.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.transship.archive.ItemKey;
import dev.transship.kube.Json;
import dev.transship.kube.PodTemplates;
import dev.transship.kube.SecretRedaction;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.UnmatchedValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gcpProjectMove} (GKE -> GKE in another project). Rewrites the project ID where objects
 * embed it (cloud-mapping.md §5.2): registry paths of images, Workload Identity service accounts,
 * env values, command lines and ConfigMap values (warned: their meaning is unknown), PD volume
 * handles (warned: disks do not move), Config Connector project annotations and specs. Secrets are
 * only scanned: a mention is reported by key, never shown or changed. Settings naming project-local
 * resources are reported by {@link ProjectBoundSettings}. Pre-shared and Google-managed
 * certificates are left to {@code managedCertificateBridge}.
 */
public final class GcpProjectMove implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  static final String WORKLOAD_IDENTITY = "iam.gke.io/gcp-service-account";
  static final String CONFIG_CONNECTOR_PROJECT = "cnrm.cloud.google.com/project-id";
  static final String CONFIG_CONNECTOR_GROUP = "cnrm.cloud.google.com";
  private static final Set<String> ZONE_KEYS = Set.of("topology.gke.io/zone", "topology.kubernetes.io/zone",
      "failure-domain.beta.kubernetes.io/zone", "topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region");

  private final ProjectReferences refs;
  private final ProjectBoundSettings bound;
  private final ProjectSightings sightings;

  GcpProjectMove(ProjectReferences refs) {
    this.refs = refs;
    this.bound = new ProjectBoundSettings(refs);
    this.sightings = new ProjectSightings(refs);
  }

  @Override
  public void observe(ItemKey key, KubeObject object) {
    sightings.observe(object);
  }

  /** A fromProject the backup names nowhere this converter looks would move nothing: almost always a typo. */
  @Override
  public List<UnmatchedValues> unmatched() {
    UnmatchedValues unmatched = sightings.found() ? null
        : sightings.seen().unmatched("fromProject", false, List.of(refs.from()), List.of(), "projects");
    return unmatched == null ? List.of() : List.of(unmatched);
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    configConnectorAnnotation(ctx);
    bound.apply(ctx);
    if (object.group().isEmpty()) {
      switch (object.kind()) {
        case "ServiceAccount" -> workloadIdentity(ctx);
        case "ConfigMap" -> configMap(ctx);
        case "Secret" -> secret(ctx);
        case "PersistentVolume" -> persistentVolume(ctx);
        default -> { }
      }
    }
    if (object.group().endsWith(CONFIG_CONNECTOR_GROUP)) {
      rewriteStrings(ctx, object.node().path("spec"), "spec");
    }
    ObjectNode podSpec = PodTemplates.podSpec(object);
    if (podSpec != null) {
      for (ObjectNode container : PodTemplates.containerNodes(object)) {
        container(ctx, container);
      }
      bound.nodePools(ctx, podSpec);
    }
    if (!"Secret".equals(object.kind()) || !object.group().isEmpty()) {
      lastApplied(ctx);
    }
  }

  /**
   * {@code kubectl apply} diffs against the last-applied annotation: left with the old project, the
   * next apply in the new cluster would see every rewritten field as a local change to keep or
   * revert. Images and every other string it holds are rewritten as the object's own fields are.
   * A Secret's copy is left alone: its values are only ever scanned.
   */
  private void lastApplied(ActionContext ctx) {
    String text = ctx.object().annotation(SecretRedaction.LAST_APPLIED);
    if (text == null || !refs.mentions(text)) {
      return;
    }
    JsonNode applied;
    try {
      applied = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      ctx.warn("gcp-project-last-applied", SecretRedaction.LAST_APPLIED + " is not JSON, so it keeps " + refs.from(),
          "remove the annotation or reapply the manifest in the new project");
      return;
    }
    int[] count = {0};
    JsonNode rewritten = rewriteAll(applied, count);
    if (count[0] > 0) {
      ctx.object().setAnnotation(SecretRedaction.LAST_APPLIED, rewritten + "\n");
      ctx.info("gcp-project-last-applied", SecretRedaction.LAST_APPLIED + ": " + count[0] + " value(s) moved to " + refs.to()
          + " like the object's own fields, so the next kubectl apply sees no change it did not make");
    }
  }

  private JsonNode rewriteAll(JsonNode node, int[] count) {
    if (node.isTextual()) {
      String image = refs.image(node.asText());
      ProjectReferences.Rewrite rewrite = image != null ? new ProjectReferences.Rewrite(image, 1) : refs.text(node.asText());
      count[0] += rewrite.count();
      return rewrite.changed() ? TextNode.valueOf(rewrite.text()) : node;
    }
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(field -> field.setValue(rewriteAll(field.getValue(), count)));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, rewriteAll(array.get(i), count));
      }
    }
    return node;
  }

  /** The Google service account moves with the project; the workload pool changes either way (§5.2). */
  private void workloadIdentity(ActionContext ctx) {
    KubeObject account = ctx.object();
    String gsa = account.annotation(WORKLOAD_IDENTITY);
    if (gsa == null) {
      return;
    }
    String member = "serviceAccount:" + refs.to() + ".svc.id.goog[" + account.namespace() + "/" + account.name() + "]";
    String moved = refs.serviceAccount(gsa);
    if (moved != null) {
      account.setAnnotation(WORKLOAD_IDENTITY, moved);
      ctx.warn("gcp-project-workload-identity", WORKLOAD_IDENTITY + " " + gsa + " -> " + moved,
          "create " + moved + " with the roles " + gsa + " has, and grant it roles/iam.workloadIdentityUser for " + member);
    } else {
      ctx.warn("gcp-project-workload-identity", "keeps Google service account " + gsa + " (not in " + refs.from()
              + "), but the workload identity pool changes with the project",
          "grant roles/iam.workloadIdentityUser on " + gsa + " to " + member);
    }
  }

  private void configMap(ActionContext ctx) {
    if (!(ctx.object().node().path("data") instanceof ObjectNode data)) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      ProjectReferences.Rewrite rewrite = refs.text(entry.getValue().asText());
      if (rewrite.changed()) {
        entry.setValue(TextNode.valueOf(rewrite.text()));
        ctx.warn("gcp-project-configmap", "data key " + entry.getKey() + ": " + references(rewrite) + " rewritten",
            "transship does not know what the value means: check that each rewritten resource exists in " + refs.to()
                + " (a resource that stays in " + refs.from() + " must keep its old name)");
      }
    }
  }

  /** Reported by key only: Secret values never appear in findings, and are not rewritten. */
  private void secret(ActionContext ctx) {
    List<String> keys = new ArrayList<>();
    ctx.object().node().path("data").fields().forEachRemaining(e -> {
      try {
        if (refs.mentions(new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8))) {
          keys.add(e.getKey());
        }
      } catch (IllegalArgumentException notBase64) {
        // not a value this scan can read; Velero restores it as is
      }
    });
    ctx.object().node().path("stringData").fields().forEachRemaining(e -> {
      if (refs.mentions(e.getValue().asText())) {
        keys.add(e.getKey());
      }
    });
    if (!keys.isEmpty()) {
      ctx.warn("gcp-project-secret", "keys " + String.join(", ", keys) + " mention project " + refs.from()
              + " (values not shown and not rewritten)",
          "recreate them for " + refs.to() + " (service account keys, registry credentials, connection strings), or "
              + "confirm that the old project's resources are still meant");
    }
  }

  /**
   * PD disks stay in their project: the rewritten handle names a disk the new project must have
   * (velero-plugin-for-gcp creates it from the snapshot when restoring with volumeProject) (§4.3, §5.2).
   */
  private void persistentVolume(ActionContext ctx) {
    ObjectNode spec = KubeObject.objectAt(ctx.object().node(), "spec");
    if (spec.path("csi") instanceof ObjectNode csi && csi.path("volumeHandle").isTextual()) {
      String handle = csi.path("volumeHandle").asText();
      String moved = refs.diskHandle(handle);
      if (moved != null) {
        csi.put("volumeHandle", moved);
        ctx.warn("gcp-project-disk", "spec.csi.volumeHandle " + handle + " -> " + moved
                + ": disks do not move between projects",
            "restore it from a Velero snapshot with velero-plugin-for-gcp (volumeProject: " + refs.to() + ") or back it "
                + "up with file-system backup / data mover so the PVC re-provisions; otherwise create the disk in "
                + refs.to() + " (from a snapshot of the old one) before restoring");
        zones(ctx);
      }
    }
    String pdName = spec.path("gcePersistentDisk").path("pdName").asText("");
    if (!pdName.isEmpty()) {
      ctx.warn("gcp-project-disk", "spec.gcePersistentDisk.pdName " + pdName
              + " is looked up in the new project, and disks do not move between projects",
          "restore it from a Velero snapshot with volumeProject: " + refs.to() + ", back it up with file-system backup, "
              + "or create disk " + pdName + " in " + refs.to() + " before restoring");
    }
  }

  /** A moved disk's zone (locations map) must also be where the PV sends its pods. */
  private void zones(ActionContext ctx) {
    KubeObject pv = ctx.object();
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, String> label : pv.labels().entrySet()) {
      String mapped = refs.location(label.getValue());
      if (ZONE_KEYS.contains(label.getKey()) && !mapped.equals(label.getValue())) {
        pv.setLabel(label.getKey(), mapped);
        changes.add("label " + label.getKey() + " " + label.getValue() + " -> " + mapped);
      }
    }
    JsonNode terms = pv.node().path("spec").path("nodeAffinity").path("required").path("nodeSelectorTerms");
    for (JsonNode term : terms) {
      for (JsonNode expression : term.path("matchExpressions")) {
        if (ZONE_KEYS.contains(expression.path("key").asText()) && expression.path("values") instanceof ArrayNode values) {
          for (int i = 0; i < values.size(); i++) {
            String mapped = refs.location(values.get(i).asText());
            if (!mapped.equals(values.get(i).asText())) {
              changes.add("nodeAffinity " + expression.path("key").asText() + " " + values.get(i).asText() + " -> " + mapped);
              values.set(i, TextNode.valueOf(mapped));
            }
          }
        }
      }
    }
    if (!changes.isEmpty()) {
      ctx.info("gcp-project-pv-zone", String.join("; ", changes) + " (locations)");
    }
  }

  private void configConnectorAnnotation(ActionContext ctx) {
    String project = ctx.object().annotation(CONFIG_CONNECTOR_PROJECT);
    if (refs.from().equals(project)) {
      ctx.object().setAnnotation(CONFIG_CONNECTOR_PROJECT, refs.to());
      ctx.warn("gcp-project-config-connector", CONFIG_CONNECTOR_PROJECT + " " + project + " -> " + refs.to(),
          "Config Connector now creates (or acquires same-named) resources in " + refs.to()
              + "; the old project's resources stay and are no longer managed from the new cluster");
    }
  }

  /** Config Connector specs name projects in references ({@code projectRef.external}, resource names). */
  private void rewriteStrings(ActionContext ctx, JsonNode node, String path) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String at = path + "." + field.getKey();
        if (field.getValue().isTextual()) {
          String rewritten = rewriteConfigConnector(ctx, field.getValue().asText(), at);
          if (rewritten != null) {
            field.setValue(TextNode.valueOf(rewritten));
          }
        } else {
          rewriteStrings(ctx, field.getValue(), at);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String at = path + "[" + i + "]";
        if (array.get(i).isTextual()) {
          String rewritten = rewriteConfigConnector(ctx, array.get(i).asText(), at);
          if (rewritten != null) {
            array.set(i, TextNode.valueOf(rewritten));
          }
        } else {
          rewriteStrings(ctx, array.get(i), at);
        }
      }
    }
  }

  private String rewriteConfigConnector(ActionContext ctx, String value, String path) {
    ProjectReferences.Rewrite rewrite = refs.text(value);
    if (!rewrite.changed()) {
      return null;
    }
    ctx.warn("gcp-project-config-connector", path + ": " + value + " -> " + rewrite.text(),
        "Config Connector creates or acquires this resource in " + refs.to() + "; the old project's stays as it is");
    return rewrite.text();
  }

  private void container(ActionContext ctx, ObjectNode container) {
    String name = "container " + container.path("name").asText("?");
    String image = container.path("image").asText("");
    String moved = refs.image(image);
    if (moved != null) {
      container.put("image", moved);
      ctx.info("gcp-project-image", name + ": image " + image + " -> " + moved);
    }
    for (JsonNode env : container.path("env")) {
      if (env instanceof ObjectNode variable && variable.path("value").isTextual()) {
        ProjectReferences.Rewrite rewrite = refs.text(variable.path("value").asText());
        if (rewrite.changed()) {
          variable.put("value", rewrite.text());
          ctx.info("gcp-project-env", name + " env " + variable.path("name").asText() + ": " + references(rewrite)
              + " rewritten");
        }
      }
    }
    for (String field : List.of("command", "args")) {
      if (container.path(field) instanceof ArrayNode words) {
        for (int i = 0; i < words.size(); i++) {
          ProjectReferences.Rewrite rewrite = refs.text(words.get(i).asText());
          if (rewrite.changed()) {
            words.set(i, TextNode.valueOf(rewrite.text()));
            ctx.info("gcp-project-args", name + " " + field + "[" + i + "]: " + references(rewrite) + " rewritten");
          }
        }
      }
    }
  }

  private String references(ProjectReferences.Rewrite rewrite) {
    return rewrite.count() + (rewrite.count() == 1 ? " reference" : " references") + " to " + refs.from()
        + " (-> " + refs.to() + ")";
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "gcpProjectMove",
      "GKE -> GKE in another project: rewrite the project ID in images, Workload Identity service accounts, env values, "
          + "commands, ConfigMaps (warned), PD volume handles (warned: disks do not move) and Config Connector objects; "
          + "report Secrets that mention it and settings that name project-local resources (static IPs, Cloud Armor and SSL "
          + "policies, IAP clients, subnets, node pools, KMS keys); remove GKE load balancer status annotations.",
      List.of(
          ParameterDoc.required("fromProject", "string", "project ID of the source cluster"),
          ParameterDoc.required("toProject", "string", "project ID of the target cluster"),
          ParameterDoc.optional("fromCluster", "string", "source cluster name, rewritten in .../clusters/<name> and kubeconfig contexts"),
          ParameterDoc.optional("toCluster", "string", "target cluster name (with fromCluster)"),
          ParameterDoc.optional("locations", "map", "old -> new region, zone or registry location, for moves that also change location")),
      """
          - name: project-ids
            actions:
              - convert: gcpProjectMove
                with:
                  fromProject: store-prod-old
                  toProject: store-prod-2026
                  locations: {us-central1: us-east4, us-central1-a: us-east4-a}
          """,
      config -> {
        JsonNode locations = config.node("locations");
        if (locations != null && !locations.isNull() && !locations.isObject()) {
          throw new IllegalArgumentException("locations must be a map of old -> new region, zone or registry location");
        }
        return new GcpProjectMove(new ProjectReferences(config.string("fromProject", null), config.string("toProject", null),
            config.map("locations"), blankToNull(config.string("fromCluster", null)), blankToNull(config.string("toCluster", null))));
      });

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
