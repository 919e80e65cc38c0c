package dev.transship.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ItemKey;
import dev.transship.finding.Finding;
import dev.transship.finding.ObjectRef;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What an action works on: one object (a private copy it may edit in place), the rule that called
 * it, and the ways to answer besides editing: findings, generated objects, dropping the object.
 */
public final class ActionContext {
  private final ItemKey key;
  private final String rule;
  private KubeObject object;
  private final List<Finding> findings = new ArrayList<>();
  private final List<ObjectNode> generated = new ArrayList<>();
  private String dropReason;

  public ActionContext(ItemKey key, KubeObject object, String rule) {
    this.key = key;
    this.object = object;
    this.rule = rule;
  }

  /** Where the object sits in the backup. */
  public ItemKey key() {
    return key;
  }

  /** The object as earlier actions left it; edit it in place. */
  public KubeObject object() {
    return object;
  }

  /** Replaces the whole object, for actions that compute a new tree (patches). */
  public void replace(ObjectNode replacement) {
    object = new KubeObject(replacement);
  }

  /** The name of the rule running the action, for findings and errors. */
  public String rule() {
    return rule;
  }

  public ObjectRef ref() {
    return ObjectRef.of(object, key);
  }

  /** Reports something about this object. */
  public void report(Severity severity, String check, String message, String hint) {
    findings.add(new Finding(severity, check, ref(), message, hint == null ? "" : hint));
  }

  public void info(String check, String message) {
    report(Severity.INFO, check, message, "");
  }

  public void warn(String check, String message, String hint) {
    report(Severity.WARNING, check, message, hint);
  }

  public void error(String check, String message, String hint) {
    report(Severity.ERROR, check, message, hint);
  }

  /** Adds a new object to the backup (a BackendConfig, a ManagedCertificate, ...). */
  public void generate(ObjectNode newObject) {
    generated.add(newObject);
  }

  /** Leaves the object out of the converted backup; the reason becomes a finding. */
  public void drop(String check, String reason) {
    dropReason = reason;
    findings.add(Finding.info(check, ref(), "dropped: " + reason));
  }

  public boolean dropped() {
    return dropReason != null;
  }

  public String dropReason() {
    return dropReason;
  }

  public List<Finding> findings() {
    return findings;
  }

  public List<ObjectNode> generated() {
    return generated;
  }
}
