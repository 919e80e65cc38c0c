package dev.transship.lint;

import dev.transship.cloud.Target;
import dev.transship.kube.KubeVersion;
import java.time.Instant;

/**
 * What a lint run checks against.
 *
 * @param targetVersion the target's Kubernetes minor version such as {@code 1.32}, or null to skip removed-API checks
 * @param sourceClusterName the source cluster's name, or null to skip the cluster-name check
 * @param now the time expiry checks compare with (fixed in tests)
 * @param defaultVolumesToFsBackup the backup's {@code spec.defaultVolumesToFsBackup}: every pod volume
 *     not excluded by annotation was backed up by file system
 */
public record LintOptions(Target target, KubeVersion targetVersion, String sourceClusterName, Instant now, boolean defaultVolumesToFsBackup) {
  public LintOptions(Target target, KubeVersion targetVersion, String sourceClusterName, Instant now) {
    this(target, targetVersion, sourceClusterName, now, false);
  }

  public LintOptions withDefaultVolumesToFsBackup(boolean value) {
    return new LintOptions(target, targetVersion, sourceClusterName, now, value);
  }
}
