package dev.transship.convert.apiversions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.archive.ItemKeySet;
import dev.transship.archive.ItemParser;
import dev.transship.archive.RawItem;
import dev.transship.archive.RawText;
import dev.transship.kube.KubeObject;
import dev.transship.kube.KubeVersion;
import dev.transship.kube.RemovedApis.RemovedApi;
import dev.transship.kube.RemovedApis;
import dev.transship.kube.ResourceCatalog;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rewrites objects whose API version the target Kubernetes release no longer serves to the
 * replacement from the removed-API table (the one lint reports from), field by field where the
 * schema changed ({@link ApiConversions}). Velero restores each object at the version it was
 * backed up with and converts nothing (#7330, #2310), so without this the target refuses them.
 * A version without a replacement, or whose conversion needs a decision only the owner can make,
 * is an error finding and the object is left as it was.
 *
 * <p>A version whose replacement lives in another group (an Ingress leaving extensions) is filed
 * under the new group in the written backup, since the target resolves only that one. A cluster
 * serving Ingresses under both groups was backed up twice, once per group (Velero de-duplicates
 * only Deployments, DaemonSets, ReplicaSets and NetworkPolicies); the copy in the old group is
 * then left out, so the object is restored once.
 */
public final class RemovedApiVersions implements ObjectAction {
  static final String CONVERTED = "removed-api-converted";
  /** The lint check's name: lint and convert report an unconvertible object alike. */
  static final String REMOVED = "removed-api";

  private final KubeVersion target;
  /** The removed apiVersions this target refuses, and the same as names to find in an item's bytes. */
  private final Set<String> refused;
  private final RawText.Needles refusedInBytes;
  /** Group-resources whose objects move to another group, e.g. ingresses.extensions. */
  private final Set<String> moving;
  /** Group-resources objects move into, e.g. ingresses.networking.k8s.io: indexed to find copies of one object. */
  private final Set<String> movedInto;
  /** Every object of those (every Deployment, for one), so hashes rather than keys. */
  private final ItemKeySet present = new ItemKeySet();

  RemovedApiVersions(KubeVersion target) {
    this.target = target;
    List<RemovedApi> removed = RemovedApis.all().values().stream().filter(a -> a.removedIn().compareTo(target) <= 0).toList();
    this.refused = removed.stream().map(RemovedApi::apiVersion).collect(Collectors.toSet());
    this.refusedInBytes = refused.isEmpty() ? null : RawText.needles(refused.toArray(String[]::new));
    this.moving = removed.stream().filter(RemovedApiVersions::changesGroup).map(a -> groupResource(a.kind(), groupOf(a.apiVersion())))
        .collect(Collectors.toSet());
    this.movedInto = removed.stream().filter(RemovedApiVersions::changesGroup).map(a -> groupResource(a.kind(), groupOf(a.replacement())))
        .collect(Collectors.toSet());
  }

  private static boolean changesGroup(RemovedApi api) {
    return api.hasReplacement() && !groupOf(api.apiVersion()).equals(groupOf(api.replacement()));
  }

  private static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  private static String groupResource(String kind, String group) {
    String plural = ResourceCatalog.pluralOf(kind);
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  @Override
  public boolean mayApply(RawItem item) {
    if (refused.isEmpty()) {
      return false;
    }
    // asked of every item: Velero writes apiVersion first, so its value usually answers without a scan
    String apiVersion = ItemParser.leadingApiVersion(item.raw());
    return apiVersion != null ? refused.contains(apiVersion) : refusedInBytes.mayBeIn(item);
  }

  @Override
  public boolean needsIndex() {
    return !moving.isEmpty();
  }

  @Override
  public boolean indexes(RawItem item) {
    return movedInto.contains(item.path().key().groupResource());
  }

  @Override
  public boolean readsIndex(RawItem item) {
    return moving.contains(item.path().key().groupResource());
  }

  @Override
  public void index(ItemKey key, KubeObject object) {
    present.add(key);
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    RemovedApi removed = RemovedApis.removedBy(object.apiVersion(), object.kind(), target);
    if (removed == null) {
      return;
    }
    String what = object.kind() + " at " + object.apiVersion() + ", removed in Kubernetes " + removed.removedIn();
    if (!removed.hasReplacement()) {
      ctx.error(REMOVED, what + ", has no replacement API: the target refuses it", removed.note().isEmpty()
          ? "leave it out of the restore (a drop rule) and do its job another way" : removed.note());
      return;
    }
    ApiConversions.Conversion conversion = ApiConversions.of(object.apiVersion(), object.kind());
    if (conversion == null || conversion.refusal() != null) {
      ctx.error(REMOVED, what + ", not converted to " + removed.replacement() + ": "
          + (conversion == null ? "transship knows no conversion for it" : conversion.refusal()), "see the removed-api check in docs/checks.md");
      return;
    }
    ItemKey filedUnder = ctx.key().inGroup(groupOf(removed.replacement()));
    if (!filedUnder.equals(ctx.key()) && present.contains(filedUnder)) {
      ctx.drop(CONVERTED, "a copy of " + filedUnder + ", which the backup also holds (a cluster serving both groups is backed up "
          + "under each); that copy is restored, at " + removed.replacement() + " if converted");
      return;
    }
    ObjectNode converted = object.node().deepCopy();
    ConversionNotes notes = new ConversionNotes();
    try {
      conversion.change().apply(converted, notes);
    } catch (SchemaChange.Unconvertible e) {
      ctx.error(REMOVED, what + ", not converted to " + removed.replacement() + ": " + e.getMessage(),
          "fix the object at the source, or convert it by hand with a rule");
      return;
    }
    if (notes.dropReason() != null) {
      ctx.drop(CONVERTED, what + ": " + notes.dropReason());
      return;
    }
    converted.put("apiVersion", removed.replacement());
    ctx.replace(converted);
    ctx.info(CONVERTED, what + ", rewritten to " + removed.replacement()
        + (notes.changes().isEmpty() ? " (same fields)" : ": " + String.join("; ", notes.changes()))
        + (filedUnder.equals(ctx.key()) ? "" : "; filed under " + filedUnder.groupResource() + " for Velero"));
    for (String warning : notes.warnings()) {
      ctx.warn(CONVERTED, warning, "");
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "removedApiVersions",
      "Rewrite objects at API versions the target Kubernetes release no longer serves to their replacement (info), field by "
          + "field where the schema changed: Ingress v1beta1 backends and pathType, HPA v2beta1 metric targets, PDB v1beta1 "
          + "(an empty selector, which matched nothing and would match every pod, is left out), workloads to apps/v1, webhooks, "
          + "flowcontrol. An Ingress leaving extensions is filed under networking.k8s.io so Velero restores it. Versions with no "
          + "replacement (PodSecurityPolicy) or no safe conversion (v1beta1 CRDs) are errors, the object kept as it was.",
      List.of(ParameterDoc.required("targetVersion", "version",
          "Kubernetes minor release of the target cluster, quoted, e.g. \"1.32\": APIs removed up to it are converted")),
      """
          - name: removed-api-versions
            actions:
              - convert: removedApiVersions
                with: {targetVersion: "1.32"}
          """,
      RemovedApiVersions::create);

  private static ObjectAction create(ConverterConfig config) {
    JsonNode value = config.node("targetVersion");
    KubeVersion version = KubeVersion.parse(value == null ? "" : value.asText());
    RemovedApis.checkTargetVersion(version);
    return new RemovedApiVersions(version);
  }
}
