package dev.transship.finding;

/**
 * Where a finding's object is written down, for SARIF and GitHub annotations: an item path in the
 * backup tarball, or a manifest file and the line its document starts on.
 *
 * @param line 1-based
 */
public record SourceLocation(String file, int line) {
  /** Findings about the whole backup point at the backup resource. */
  public static final SourceLocation BACKUP = new SourceLocation("velero-backup.json", 1);
}
