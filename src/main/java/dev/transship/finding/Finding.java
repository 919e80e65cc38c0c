package dev.transship.finding;

import java.util.Objects;

/**
 * One thing worth telling the user about one object: a change a rule made, an object dropped, a
 * setting that could not be carried over, or a lint check that fired. Every converter, rule action
 * and lint check emits this one type.
 *
 * @param check a stable identifier such as {@code TS101} or {@code alb.group-name}
 * @param object the object it is about; null for backup-wide findings
 * @param hint what to do about it; may be empty
 */
public record Finding(Severity severity, String check, ObjectRef object, String message, String hint) {
  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(check, "check");
    message = message == null ? "" : message;
    hint = hint == null ? "" : hint;
  }

  public static Finding info(String check, ObjectRef object, String message) {
    return new Finding(Severity.INFO, check, object, message, "");
  }

  public static Finding warning(String check, ObjectRef object, String message, String hint) {
    return new Finding(Severity.WARNING, check, object, message, hint);
  }

  public static Finding error(String check, ObjectRef object, String message, String hint) {
    return new Finding(Severity.ERROR, check, object, message, hint);
  }

  @Override
  public String toString() {
    return severity.label() + " " + check + (object == null ? "" : " " + object) + ": " + message;
  }
}
