package dev.transship.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ItemKey;
import dev.transship.archive.RawItem;
import dev.transship.pipeline.Emitted;
import dev.transship.pipeline.ObjectTransformer;
import dev.transship.pipeline.Outcome;
import dev.transship.finding.Finding;
import dev.transship.finding.ObjectRef;
import dev.transship.kube.KubeObject;
import dev.transship.kube.ResourceCatalog;
import dev.transship.kube.SecretRedaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs rules over each object in order, every rule seeing the previous one's output (Velero's
 * modifiers all match the original object instead). An action that fails either stops the
 * conversion or, with {@link OnError#REPORT}, leaves the object exactly as it was with an error
 * finding: never a half-patched object.
 */
public final class RuleEngine implements ObjectTransformer {
  private final List<Rule> rules;
  /** Per rule, the actions its user-given values feed, each once: asked for every object converted. */
  private final Map<Rule, List<ObjectAction>> observers = new IdentityHashMap<>();
  /** The rules with an action that does not report its own changes: their effect is told by the tree's hash. */
  private final Set<Rule> silent = Collections.newSetFromMap(new IdentityHashMap<>());
  private final OnError onError;
  private final ResourceCatalog catalog = new ResourceCatalog();
  private boolean checked;

  public RuleEngine(List<Rule> rules, OnError onError) {
    this.rules = rules;
    for (Rule rule : rules) {
      observers.put(rule, rule.userValues().stream().map(Rule.UserValue::action).distinct().toList());
      if (!rule.actions().stream().allMatch(ObjectAction::reportsItsChanges)) {
        silent.add(rule);
      }
    }
    this.onError = onError;
  }

  @Override
  public boolean needsIndex() {
    return true; // CRDs in the backup name the resources of generated custom objects
  }

  @Override
  public boolean indexes(RawItem item) {
    if (item.path().key().groupResource().equals(CRDS)) {
      return true;
    }
    for (Rule rule : rules) {
      for (ObjectAction action : rule.actions()) {
        if (action.needsIndex() && action.indexes(item)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final String CRDS = "customresourcedefinitions.apiextensions.k8s.io";

  /** Whether some rule could match the item with an action that needs the whole backup indexed first. */
  @Override
  public boolean readsIndex(RawItem item) {
    for (Rule rule : rules) {
      if (rule.match().mayMatch(item.path().key())) {
        for (ObjectAction action : rule.actions()) {
          if (action.readsIndex(item)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether some rule could match the item and some of its actions do something to it. */
  @Override
  public boolean mayChange(RawItem item) {
    // asked of every item: plain loops, no streams
    for (Rule rule : rules) {
      if (rule.match().mayMatch(item.path().key())) {
        for (ObjectAction action : rule.actions()) {
          if (action.mayApply(item)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public void index(ArchiveItem item) throws TransshipException {
    KubeObject object = item.kube();
    if ("CustomResourceDefinition".equals(object.kind())) {
      catalog.learn(object);
    }
    RawItem raw = RawItem.of(item);
    for (Rule rule : rules) {
      for (ObjectAction action : rule.actions()) {
        if (action.needsIndex() && action.indexes(raw)) {
          action.index(item.path().key(), object);
        }
      }
    }
  }

  /** Shows the original object to the actions whose user-given values must occur somewhere in the backup. */
  private void observe(ItemKey key, KubeObject object) {
    for (Rule rule : rules) {
      if (!rule.userValues().isEmpty() && matchesForObserving(rule, key, object)) {
        for (ObjectAction action : observers.get(rule)) {
          action.observe(key, object);
        }
      }
    }
  }

  /** A match that fails on the original object (a CEL error) counts: the object is seen, not judged. */
  private static boolean matchesForObserving(Rule rule, ItemKey key, KubeObject object) {
    try {
      return rule.match().matches(key, object);
    } catch (ActionFailedException | RuntimeException e) {
      return true;
    }
  }

  /**
   * Once every object was seen, before the backup is published: a value the user gave that occurs
   * nowhere in it is almost always a typo, and the conversion would succeed rewriting nothing.
   * Every such parameter is named in one line, with the values the backup does hold. Objects no
   * rule could change pass through unseen, but they hold no value a rule would rewrite either.
   */
  private void checkUserValuesOccur() throws TransshipException {
    if (checked) {
      return;
    }
    checked = true;
    Map<String, UnmatchedValues> bySpelling = new LinkedHashMap<>();
    Set<String> allMatched = new HashSet<>();
    for (Rule rule : rules) {
      for (Rule.UserValue value : rule.userValues()) {
        UnmatchedValues unmatched = value.action().unmatched().stream()
            .filter(u -> u.parameter().equals(value.converterParameter())).findFirst().orElse(null);
        if (unmatched == null) {
          allMatched.add(value.spelledAs());
        } else {
          // one parameter feeding several actions: a value is unmatched only where none of them found it
          bySpelling.merge(value.spelledAs(), unmatched, UnmatchedValues::alsoUnmatchedIn);
        }
      }
    }
    String message = bySpelling.entrySet().stream().filter(e -> !allMatched.contains(e.getKey()) && !e.getValue().values().isEmpty())
        .map(e -> e.getValue().describe(e.getKey())).collect(Collectors.joining("; "));
    if (!message.isEmpty()) {
      throw new TransshipException(message);
    }
  }

  private static boolean secretValuesChanged(JsonNode before, JsonNode after) {
    return !before.path("data").equals(after.path("data")) || !before.path("stringData").equals(after.path("stringData"));
  }

  @Override
  public Outcome transform(ArchiveItem item) throws TransshipException {
    ItemKey key = item.path().key();
    observe(key, item.kube());
    KubeObject object = new KubeObject(item.object().deepCopy());
    List<Finding> findings = new ArrayList<>();
    List<ObjectNode> generated = new ArrayList<>();
    boolean dropped = false;
    // A rule's own change is told by the tree's digest: a full walk, but no copy of the object per rule.
    Long before = null;
    for (Rule rule : rules) {
      ActionContext ctx;
      try {
        if (!rule.match().matches(key, object)) {
          continue;
        }
        ctx = new ActionContext(key, object, rule.name());
        if (silent.contains(rule)) {
          before = TreeDigest.of(object.node());
        }
        for (ObjectAction action : rule.actions()) {
          action.apply(ctx);
          if (ctx.dropped()) {
            break;
          }
        }
      } catch (ActionFailedException | RuntimeException e) {
        // A failed test op or a CEL error quotes what it looked at, in any encoding and at any length:
        // on a Secret, the rule and the object are all that is said.
        String detail = SecretRedaction.isSecret(item.object())
            ? "the action failed (details withheld: they could quote the Secret's data)"
            : e instanceof RuntimeException unexpected ? UnexpectedShape.describe(unexpected) : e.getMessage();
        String message = "rule '" + rule.name() + "' (" + rule.where() + ") failed on " + object.describe() + ": " + detail;
        if (onError == OnError.FAIL) {
          throw new TransshipException(message + " (use --on-error=report to keep the object unchanged and go on)");
        }
        Emitted original = new Emitted(key, item.object(), item.raw());
        return new Outcome(false, List.of(original), List.of(Finding.error("rule-failed", original.ref(), message,
            "fix the rule or the object; the object was kept unchanged")));
      }
      object = ctx.object();
      if (ctx.findings().isEmpty() && before != null && !ctx.dropped() && before != TreeDigest.of(object.node())) {
        // Generic actions report nothing themselves; no change goes unreported.
        ctx.info("rule-changed", "changed by rule '" + rule.name() + "'");
      }
      before = null;
      findings.addAll(ctx.findings());
      generated.addAll(ctx.generated());
      if (ctx.dropped()) {
        dropped = true;
        break;
      }
    }
    if (!dropped && SecretRedaction.isSecret(item.object()) && secretValuesChanged(item.object(), object.node())
        && object.annotation(SecretRedaction.LAST_APPLIED) != null) {
      // kubectl's copy of the manifest repeats the old data: left behind, it keeps the value a rule
      // meant to replace or remove, and the next kubectl apply would put it back
      object.removeAnnotation(SecretRedaction.LAST_APPLIED);
      findings.add(Finding.info("secret-last-applied-removed", ObjectRef.of(object, key),
          SecretRedaction.LAST_APPLIED + " removed: it held the Secret's data as it was before the rules changed it"));
    }
    List<Emitted> out = new ArrayList<>();
    boolean changed = !dropped && !object.node().equals(item.object());
    if (!dropped) {
      out.add(changed ? Emitted.changed(filedUnder(key, object), object.node()) : new Emitted(key, item.object(), item.raw()));
    }
    for (ObjectNode node : generated) {
      KubeObject gen = new KubeObject(node);
      out.add(Emitted.changed(new ItemKey(catalog.resourceOf(gen).groupResource(), gen.namespace(), gen.name()), node));
    }
    return new Outcome(changed, out, findings);
  }

  /**
   * Where Velero must find an object whose apiVersion a rule moved to another group: restore
   * resolves the group-resource folder through the target's discovery and skips one the target
   * does not serve ({@code ingresses.extensions} on 1.22+), whatever the item's apiVersion says.
   */
  private static ItemKey filedUnder(ItemKey key, KubeObject object) {
    String group = object.group();
    return group.equals(key.group()) || !GROUP.matcher(group).matches() ? key : key.inGroup(group);
  }

  /** An API group as a folder name may carry it: a DNS subdomain, or "" for the core group. */
  private static final java.util.regex.Pattern GROUP = java.util.regex.Pattern.compile("|[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

  @Override
  public Outcome finish() throws TransshipException {
    checkUserValuesOccur();
    return ObjectTransformer.super.finish();
  }
}
