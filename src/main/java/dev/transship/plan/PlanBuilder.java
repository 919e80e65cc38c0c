package dev.transship.plan;

import dev.transship.TransshipException;
import dev.transship.archive.ArchiveLimits;
import dev.transship.archive.ArchiveReader;
import dev.transship.archive.BackupSource;
import java.util.function.Consumer;

/** Builds a plan from a backup {@code convert --plan} already stamped with stage labels. */
public final class PlanBuilder {
  private PlanBuilder() {}

  public static RestorePlan fromConvertedBackup(BackupSource source, Planner planner, Consumer<String> warnings) throws TransshipException {
    ArchiveReader.readAll(source, ArchiveLimits.DEFAULT, warnings, item -> {
      if (item.path().isLegacy()) {
        planner.index(item);
      }
    });
    try {
      planner.indexComplete();
    } catch (TransshipException e) {
      throw e.in(source.address());
    }
    ArchiveReader.readAll(source, ArchiveLimits.DEFAULT, warnings, item -> {
      if (item.path().isLegacy()) {
        planner.transform(item);
      }
    });
    return planner.plan(source.name(), source.address());
  }
}
