package dev.transship.rules;

/** What to do when an action cannot apply to an object. */
public enum OnError {
  /** Stop the conversion, naming the object and the rule. */
  FAIL,
  /** Keep the object unchanged and record an error finding; never a silently half-patched object. */
  REPORT
}
