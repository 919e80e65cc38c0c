package dev.transship;

/**
 * Something the user can fix: bad input, a missing file, an unreachable bucket. The CLI prints the
 * message as one line and exits with code 2; bugs stay unchecked exceptions with stack traces.
 */
public class TransshipException extends Exception {
  public TransshipException(String message) {
    super(message);
  }

  public TransshipException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * This error as met while reading {@code source}: a problem with one object (a CronJob whose
   * schedule does not parse) then names the backup it came from too.
   */
  public TransshipException in(String source) {
    return getMessage() != null && getMessage().startsWith(source) ? this : new TransshipException(source + ": " + getMessage(), this);
  }
}
