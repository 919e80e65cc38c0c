package dev.transship.restore;

import java.time.Duration;
import java.util.Set;

/**
 * How to run a plan: Velero's namespace in the target, how long to wait for Velero (the Backup to
 * sync in, each Restore, each DownloadRequest), whether to continue a run, which gates are approved,
 * whether a failed cutover un-suspends the source, and the command line to tell a person at a gate.
 */
public record RunSettings(String veleroNamespace, Duration timeout, boolean resume, Set<String> approvals,
    boolean unsuspendOnFailure, String command) {}
