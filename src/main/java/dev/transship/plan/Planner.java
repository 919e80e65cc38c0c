package dev.transship.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ItemKey;
import dev.transship.archive.RawItem;
import dev.transship.cloud.EcrHosts;
import dev.transship.finding.Finding;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.pipeline.Emitted;
import dev.transship.pipeline.ObjectTransformer;
import dev.transship.pipeline.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Wraps the rule engine during {@code convert --plan}: assigns every object that comes out a stage
 * and stamps {@code transship.dev/stage} on it, so each stage's Velero Restore selects exactly its
 * objects; keeps the few facts the plan needs (CronJob schedules and policies, pull secrets to
 * mint, certificates to bridge); then builds the {@link RestorePlan}. With {@code stamp} off it
 * reads the labels of an already converted backup instead.
 */
public final class Planner implements ObjectTransformer {
  /** Set on pull secrets by the ecrToRegistry converter. */
  public static final String REGENERATE_PULL_SECRET = dev.transship.convert.registry.EcrToRegistry.REGENERATE;
  /** Set on Ingresses by the managedCertificateBridge converter. */
  public static final String BRIDGE_CERTIFICATE = dev.transship.convert.gcp.ManagedCertificateBridge.BRIDGE_ANNOTATION;

  /** How the plan is made. */
  public record Options(DuplicationPolicy cronJobDefault, int maxSetSize, Duration window, Instant cutoverAt,
      String sourceContext, String targetContext, String veleroNamespace, boolean stamp) {}

  private final ObjectTransformer inner;
  private final StageAssignment stages;
  private final Options options;
  private final List<ArchiveItem> cronJobItems = new ArrayList<>();
  private Map<ItemKey, CronJobInfo> cronJobs;
  private final Map<String, Integer> objectsPerStage = new HashMap<>();
  private final Map<String, TreeSet<String>> pullSecretsByRegistry = new TreeMap<>();
  private final TreeSet<String> bridgeCertificates = new TreeSet<>();
  private final TreeSet<String> managedCertificates = new TreeSet<>();
  private final RequiredOperators operators = new RequiredOperators();

  public Planner(ObjectTransformer inner, StageAssignment stages, Options options) {
    this.inner = inner;
    this.stages = stages;
    this.options = options;
  }

  @Override
  public boolean needsIndex() {
    return true;
  }

  @Override
  public boolean indexes(RawItem item) {
    return isCronJob(item) || inner.needsIndex() && inner.indexes(item);
  }

  /** CronJobs are cut over in sets only the whole backup shows; every other stage is the object's own. */
  @Override
  public boolean readsIndex(RawItem item) {
    return isCronJob(item) || inner.needsIndex() && inner.readsIndex(item);
  }

  private static boolean isCronJob(RawItem item) {
    return item.path().key().groupResource().equals("cronjobs.batch");
  }

  /** What the index says of a CronJob, classified once every CronJob was indexed; null for other objects. */
  private CronJobInfo cronJob(ItemKey key) throws TransshipException {
    if (!key.groupResource().equals("cronjobs.batch")) {
      return null;
    }
    indexComplete(); // a CronJob waits for the whole index (readsIndex), so every one was seen
    return cronJobs.get(key);
  }

  @Override
  public void index(ArchiveItem item) throws TransshipException {
    if (inner.needsIndex() && inner.indexes(RawItem.of(item))) {
      inner.index(item);
    }
    if (isCronJob(item.kube())) {
      cronJobItems.add(item);
    }
  }

  private static boolean isCronJob(KubeObject object) {
    return "CronJob".equals(object.kind()) && "batch".equals(object.group());
  }

  @Override
  public Outcome transform(ArchiveItem item) throws TransshipException {
    return stampAll(inner.transform(item));
  }

  @Override
  public Outcome finish() throws TransshipException {
    indexComplete();
    return stampAll(inner.finish());
  }

  /**
   * Every object has been indexed: classify the CronJobs into cutover sets now, so a CronJob the
   * plan cannot place fails before any object is stamped. Called by a driver that indexes in a pass
   * of its own; {@link #finish} calls it too.
   */
  public void indexComplete() throws TransshipException {
    if (cronJobs == null) {
      cronJobs = classifyCronJobs();
    }
  }

  private Outcome stampAll(Outcome outcome) throws TransshipException {
    List<Emitted> out = new ArrayList<>();
    List<Finding> findings = new ArrayList<>(outcome.findings());
    boolean changed = outcome.changed();
    for (Emitted e : outcome.objects()) {
      KubeObject object = e.kube();
      String stage = stageOf(e.key(), object);
      objectsPerStage.merge(stage, 1, Integer::sum);
      remember(e.key(), object);
      operators.see(stage, object);
      if (!options.stamp()) {
        out.add(e);
        continue;
      }
      ObjectNode copy = e.object().deepCopy();
      KubeObject stamped = new KubeObject(copy);
      stamped.setLabel(StageAssignment.STAGE_LABEL, stage);
      CronJobInfo cron = cronJob(e.key());
      boolean suspended = false;
      if (cron != null && cron.policy() == DuplicationPolicy.DISABLED && !copy.path("spec").path("suspend").asBoolean(false)) {
        KubeObject.objectAt(copy, "spec").put("suspend", true);
        findings.add(Finding.info("cronjob-restored-suspended", e.ref(), "duplication policy disabled: restored with spec.suspend true"));
        suspended = true;
      }
      // The stage label is bookkeeping, counted on its own: an object the rules left alone stays
      // "unchanged" in the summary and the report, or every object would read as changed.
      out.add(Emitted.changed(e.key(), copy));
      changed |= suspended && e.key().equals(outcome.objects().get(0).key());
    }
    return new Outcome(changed, out, findings);
  }

  private String stageOf(ItemKey key, KubeObject object) throws TransshipException {
    if (!options.stamp()) {
      String label = object.label(StageAssignment.STAGE_LABEL);
      if (label == null) {
        throw new TransshipException(object.describe() + " has no " + StageAssignment.STAGE_LABEL
            + " label: build plans with `transship convert --plan`, or from a backup that convert stamped");
      }
      return label;
    }
    CronJobInfo cron = cronJob(key);
    if (cron != null && cron.policy() == DuplicationPolicy.FORBIDDEN) {
      return "cutover-" + cron.cutoverSet();
    }
    return stages.stageOf(key, object);
  }

  private void remember(ItemKey key, KubeObject object) {
    String registry = object.annotation(REGENERATE_PULL_SECRET);
    if ("Secret".equals(object.kind()) && registry != null) {
      pullSecretsByRegistry.computeIfAbsent(registry, r -> new TreeSet<>()).add(key.namespace() + "/" + key.name());
    }
    String bridge = object.annotation(BRIDGE_CERTIFICATE);
    if (bridge != null) {
      bridgeCertificates.add(bridge + " (Ingress " + key.namespace() + "/" + key.name() + ")");
    }
    if ("ManagedCertificate".equals(object.kind())) {
      List<String> domains = new ArrayList<>();
      object.node().path("spec").path("domains").forEach(d -> domains.add(d.asText()));
      managedCertificates.add(key.namespace() + "/" + key.name() + " " + domains);
    }
  }

  /** Policies and cutover sets, from each CronJob as the rules leave it. */
  private Map<ItemKey, CronJobInfo> classifyCronJobs() throws TransshipException {
    Map<String, List<CronJobInfo>> bySet = new TreeMap<>();
    Map<ItemKey, CronJobInfo> out = new LinkedHashMap<>();
    for (ArchiveItem item : cronJobItems) {
      KubeObject object = item.kube();
      if (options.stamp()) {
        Outcome preview = inner.transform(item);
        Emitted self = preview.self(item.path().key());
        if (self == null) {
          continue; // dropped by a rule
        }
        object = self.kube();
      }
      CronJobInfo info = classify(item.path().key(), object);
      out.put(info.key(), info);
      if (info.policy() == DuplicationPolicy.FORBIDDEN) {
        bySet.computeIfAbsent(info.cutoverSet(), s -> new ArrayList<>()).add(info);
      }
    }
    cronJobItems.clear();
    // Sets larger than the maximum are split, in name order, into set-1, set-2, ...
    for (Map.Entry<String, List<CronJobInfo>> set : bySet.entrySet()) {
      List<CronJobInfo> members = set.getValue();
      if (members.size() <= options.maxSetSize() || !options.stamp()) {
        continue;
      }
      members.sort((a, b) -> a.ref().compareTo(b.ref()));
      for (int i = 0; i < members.size(); i++) {
        CronJobInfo m = members.get(i);
        String name = set.getKey() + "-" + (i / options.maxSetSize() + 1);
        out.put(m.key(), new CronJobInfo(m.key(), m.schedule(), m.policy(), name));
      }
    }
    return out;
  }

  private CronJobInfo classify(ItemKey key, KubeObject object) throws TransshipException {
    return options.stamp() ? CronJobClassifier.classify(key, object, options.cronJobDefault()) : CronJobClassifier.fromStageLabel(key, object);
  }

  /** The plan, once the conversion has streamed every object through. */
  /** How many written objects got the stage label. */
  public long stamped() {
    // every object written was counted in its stage, and with stamping on each got the label
    return options.stamp() ? objectsPerStage.values().stream().mapToLong(Integer::longValue).sum() : 0;
  }

  /**
   * The stage a role's steps go before: the stage with that role when objects went to it, else the
   * first stage restored, so a pack without the role still gets the steps in time.
   */
  private String stageFor(StageRole role, List<String> order) {
    return stages.stageWith(role).filter(objectsPerStage::containsKey)
        .orElseGet(() -> order.stream().filter(objectsPerStage::containsKey).findFirst().orElse(null));
  }

  public RestorePlan plan(String backupName, String backupLocation) {
    if (cronJobs == null) {
      cronJobs = Map.of(); // a backup without items: nothing was transformed, so nothing was classified
    }
    List<PlanStage> out = new ArrayList<>();
    boolean bridge = !bridgeCertificates.isEmpty();
    List<String> order = new ArrayList<>(stages.restoreOrder());
    objectsPerStage.keySet().stream().filter(s -> !order.contains(s) && !s.startsWith("cutover-")).sorted().forEach(order::add);
    List<String> restored = order.stream().filter(objectsPerStage::containsKey).toList();
    PlanStep.Gate operatorGate = operators.gate();
    String operatorStage = operators.stageBefore(restored);
    if (operatorStage == null && !restored.isEmpty()) {
      operatorStage = restored.get(0);
    }
    String configStage = stageFor(StageRole.CONFIG, order);
    String trafficStage = stageFor(StageRole.TRAFFIC, order);
    for (String stage : order) {
      if (!objectsPerStage.containsKey(stage)) {
        continue;
      }
      List<PlanStep> before = new ArrayList<>();
      if (stage.equals(configStage)) {
        pullSecretsByRegistry.forEach((registry, secrets) ->
            before.add(new PlanStep.RegeneratePullSecrets(List.copyOf(secrets), registry, provider(registry))));
      }
      if (operatorGate != null && stage.equals(operatorStage)) {
        before.add(operatorGate);
      }
      if (bridge && stage.equals(trafficStage)) {
        before.add(new PlanStep.Gate("upload-bridge-certificate",
            "Issue an exportable certificate for the old domains (Google-managed certificates of the old project cannot be exported), "
                + "upload it in the new project as a self-managed SSL certificate named as in the Ingress's pre-shared-cert list: "
                + String.join("; ", bridgeCertificates) + ". The existing pre-shared certificates stay in the list."));
      }
      out.add(new PlanStage(stage, stages.description(stage), objectsPerStage.get(stage), before,
          restore(backupName, stage), List.of(), null));
    }
    Map<String, List<CronJobInfo>> sets = new TreeMap<>();
    cronJobs.values().stream().filter(c -> c.policy() == DuplicationPolicy.FORBIDDEN)
        .forEach(c -> sets.computeIfAbsent(c.cutoverSet(), s -> new ArrayList<>()).add(c));
    for (Map.Entry<String, List<CronJobInfo>> set : sets.entrySet()) {
      String stage = "cutover-" + set.getKey();
      List<String> refs = set.getValue().stream().map(CronJobInfo::ref).sorted().toList();
      CutoverForecast forecast = CutoverForecast.of(set.getValue(), options.cutoverAt(), options.window(), 3);
      out.add(new PlanStage(stage, "CronJobs that must never run in both clusters, cut over together",
          objectsPerStage.getOrDefault(stage, 0),
          List.of(new PlanStep.SuspendSourceCronJobs(refs), new PlanStep.WaitForSourceJobs(refs, 60)),
          restore(backupName, stage), List.of(), new PlanStage.Cutover(set.getKey(), refs, forecast)));
    }
    if (!managedCertificates.isEmpty()) {
      List<PlanStep> gates = new ArrayList<>();
      gates.add(new PlanStep.Gate("switch-dns", "Point DNS for the Ingress hosts at the new load balancers' addresses "
          + "(kubectl get ingress -A in the target). Google-managed certificates provision only after DNS resolves to them."));
      gates.add(new PlanStep.Gate("managed-certificates-active", "Wait until every ManagedCertificate is Active "
          + "(kubectl get managedcertificate -A): " + String.join(", ", managedCertificates)));
      if (bridge) {
        gates.add(new PlanStep.Gate("remove-bridge-certificate", "Remove the bridging certificate from the Ingress's "
            + "pre-shared-cert annotation and delete it: " + String.join("; ", bridgeCertificates)));
      }
      out.add(new PlanStage("dns-cutover", "Human steps: DNS and certificates", 0, gates, null, List.of(), null));
    }
    out.add(new PlanStage("verify", "Check the restored workloads before the source cluster is retired", 0,
        List.of(new PlanStep.Gate("verify", "Check that workloads are ready, Ingresses have addresses and CronJobs run in "
            + "exactly one cluster; then retire or scale down the source.")), null, List.of(), null));
    return new RestorePlan(backupName + "-plan", backupName, backupLocation, options.sourceContext(), options.targetContext(),
        options.veleroNamespace(), out);
  }

  private ObjectNode restore(String backupName, String stage) {
    return StageRestore.of(backupName, stage, options.veleroNamespace());
  }

  static String provider(String registry) {
    if (EcrHosts.isPrivate(registry)) {
      return "ecr";
    }
    if (registry.endsWith("-docker.pkg.dev")) {
      return "artifact-registry";
    }
    if (registry.endsWith("gcr.io")) {
      return "gcr";
    }
    return "docker";
  }
}
