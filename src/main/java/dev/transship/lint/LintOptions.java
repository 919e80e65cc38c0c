package dev.transship.lint;

import java.time.Instant;

/**
 * What a lint run checks against.
 *
 * @param targetVersion the target's Kubernetes minor version such as {@code 1.32}, or null to skip removed-API checks
 * @param sourceClusterName the source cluster's name, or null to skip the cluster-name check
 * @param now the time expiry checks compare with (fixed in tests)
 */
public record LintOptions(Target target, KubeVersion targetVersion, String sourceClusterName, Instant now) {}
