package dev.transship.rules;

/** An action that cannot apply to the object it was given; the engine adds object and rule names. */
public class ActionFailedException extends Exception {
  public ActionFailedException(String message) {
    super(message);
  }
}
