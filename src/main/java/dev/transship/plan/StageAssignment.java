package dev.transship.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.TransshipException;
import dev.transship.archive.ItemKey;
import dev.transship.kube.KubeObject;
import dev.transship.rules.LabelSelector;
import dev.transship.rules.LocatedYaml;
import dev.transship.rules.RuleMatch;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which stage each object is restored in. The default order follows what Velero's single global
 * priority list cannot express (Velero #4045): foundations, then config, then workloads that are
 * safe to run twice, then traffic (Ingresses, and admission webhooks, which break later restores
 * when they arrive before their Service: Velero #2443, #5068). A rule pack's {@code stages:}
 * section replaces the list; forbidden CronJobs always go to their cutover stage.
 */
public final class StageAssignment {
  public static final String STAGE_LABEL = "transship.dev/stage";
  private static final Pattern STAGE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?");

  private final List<StageDefinition> stages;

  private StageAssignment(List<StageDefinition> stages) {
    this.stages = stages;
  }

  public List<StageDefinition> stages() {
    return stages;
  }

  public static StageAssignment defaults() {
    List<StageDefinition> out = new ArrayList<>();
    out.add(stage("foundation", "CRDs, namespaces, storage and priority classes, RBAC, service accounts",
        "customresourcedefinitions.apiextensions.k8s.io", "namespaces", "storageclasses.storage.k8s.io",
        "priorityclasses.scheduling.k8s.io", "*.rbac.authorization.k8s.io", "serviceaccounts", "limitranges",
        "resourcequotas", "ingressclasses.networking.k8s.io", "volumesnapshotclasses.snapshot.storage.k8s.io",
        "csidrivers.storage.k8s.io", "volumeattributesclasses.storage.k8s.io", "flowschemas.flowcontrol.apiserver.k8s.io",
        "prioritylevelconfigurations.flowcontrol.apiserver.k8s.io"));
    out.add(stage("config", "ConfigMaps and Secrets; fresh registry pull secrets are minted just before",
        "configmaps", "secrets", "networkpolicies.networking.k8s.io"));
    out.add(stage("traffic", "Ingresses and load-balancer configuration, routes, admission webhooks",
        "ingresses.networking.k8s.io", "ingresses.extensions", "backendconfigs.cloud.google.com",
        "frontendconfigs.networking.gke.io", "managedcertificates.networking.gke.io", "*.gateway.networking.k8s.io",
        "validatingwebhookconfigurations.admissionregistration.k8s.io",
        "mutatingwebhookconfigurations.admissionregistration.k8s.io", "apiservices.apiregistration.k8s.io"));
    out.add(stage("workloads", "Workloads safe to run in both clusters: Deployments, StatefulSets, Services, volumes, duplicable CronJobs", "*"));
    // Traffic is listed before the catch-all so it matches first, but restores after workloads.
    return new StageAssignment(out);
  }

  /** The order stages are restored in: the definition order, except that default traffic follows workloads. */
  public List<String> restoreOrder() {
    List<String> names = new ArrayList<>(stages.stream().map(StageDefinition::name).toList());
    if (names.equals(List.of("foundation", "config", "traffic", "workloads"))) {
      return List.of("foundation", "config", "workloads", "traffic");
    }
    return names;
  }

  private static StageDefinition stage(String name, String description, String... globs) {
    List<Pattern> patterns = new ArrayList<>();
    for (String g : globs) {
      patterns.add(RuleMatch.glob(g));
    }
    return new StageDefinition(name, description, patterns, null, StageRole.byDefault(name).stream().collect(Collectors.toSet()));
  }

  /**
   * A rule pack's {@code stages:} list: {@code {name, description, resources: [globs], labelSelector, roles}},
   * first match wins, restored in order. {@code roles} (config, traffic) say which stage the plan's
   * steps go before; without it a stage named config or traffic has that role. A role belongs to
   * one stage at most.
   */
  public static StageAssignment fromRulePack(LocatedYaml yaml, JsonNode node) throws TransshipException {
    if (!node.isArray() || node.isEmpty()) {
      throw yaml.error("/stages", "stages must be a non-empty list of {name, description, resources, labelSelector}");
    }
    List<StageDefinition> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String at = "/stages/" + i;
      JsonNode s = node.get(i);
      for (var it = s.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!Set.of("name", "description", "resources", "labelSelector", "roles").contains(f)) {
          throw yaml.error(at + "/" + f, "unknown field '" + f + "' (expected one of: description, labelSelector, name, resources, roles)");
        }
      }
      String name = s.path("name").asText("");
      if (!STAGE_NAME.matcher(name).matches() || name.startsWith("cutover-")) {
        throw yaml.error(at + "/name", "stage name '" + name + "' must be a short lower-case label value, not starting with cutover-");
      }
      if (!names.add(name)) {
        throw yaml.error(at + "/name", "stage '" + name + "' is defined twice");
      }
      List<Pattern> resources = new ArrayList<>();
      s.path("resources").forEach(r -> resources.add(RuleMatch.glob(r.asText())));
      if (resources.isEmpty()) {
        throw yaml.error(at, "stage '" + name + "' needs resources (globs such as *.apps or *)");
      }
      LabelSelector labels = null;
      if (s.has("labelSelector")) {
        try {
          labels = LabelSelector.parse(s.get("labelSelector"));
        } catch (IllegalArgumentException e) {
          throw yaml.error(at + "/labelSelector", e.getMessage());
        }
      }
      Set<StageRole> roles = s.has("roles") ? roles(yaml, at + "/roles", s.get("roles"))
          : StageRole.byDefault(name).stream().collect(Collectors.toSet());
      for (StageRole role : roles) {
        StageDefinition other = out.stream().filter(d -> d.roles().contains(role)).findFirst().orElse(null);
        if (other != null) {
          throw yaml.error(at + (s.has("roles") ? "/roles" : "/name"), "stage '" + name + "' has role " + role.label()
              + ", which stage '" + other.name() + "' has already; give each role to one stage (roles: [] takes it away)");
        }
      }
      out.add(new StageDefinition(name, s.path("description").asText(""), resources, labels, roles));
    }
    return new StageAssignment(out);
  }

  private static Set<StageRole> roles(LocatedYaml yaml, String at, JsonNode node) throws TransshipException {
    if (!node.isArray()) {
      throw yaml.error(at, "roles must be a list of " + StageRole.labels());
    }
    Set<StageRole> roles = EnumSet.noneOf(StageRole.class);
    for (int i = 0; i < node.size(); i++) {
      String label = node.get(i).asText("");
      StageRole role = StageRole.parse(label).orElse(null);
      if (role == null || !node.get(i).isTextual()) {
        throw yaml.error(at + "/" + i, "unknown stage role '" + label + "' (known: " + StageRole.labels() + ")");
      }
      roles.add(role);
    }
    return roles;
  }

  /** The stage that has {@code role}, if any. */
  public Optional<String> stageWith(StageRole role) {
    return stages.stream().filter(s -> s.roles().contains(role)).map(StageDefinition::name).findFirst();
  }

  /** The stage of an object that is not a forbidden CronJob. */
  public String stageOf(ItemKey key, KubeObject object) throws TransshipException {
    for (StageDefinition s : stages) {
      if (s.matches(key, object)) {
        return s.name();
      }
    }
    throw new TransshipException(object.describe() + " (" + key.groupResource() + ") matches no stage of the plan; add it to a stage's resources");
  }

  public String description(String stage) {
    return stages.stream().filter(s -> s.name().equals(stage)).map(StageDefinition::description).findFirst().orElse("");
  }
}
