package dev.transship.plan;

import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ArchiveLimits;
import dev.transship.archive.ArchiveReader;
import dev.transship.store.BackupSource;
import java.io.IOException;
import java.util.function.Consumer;

/** Builds a plan from a backup {@code convert --plan} already stamped with stage labels. */
public final class PlanBuilder {
  private PlanBuilder() {}

  public static RestorePlan fromConvertedBackup(BackupSource source, Planner planner, Consumer<String> warnings) throws TransshipException {
    for (int pass = 0; pass < 2; pass++) {
      try (ArchiveReader reader = new ArchiveReader(source.openTarball(), source.address(), ArchiveLimits.DEFAULT, warnings)) {
        for (ArchiveItem item = reader.next(); item != null; item = reader.next()) {
          if (!item.path().isLegacy()) {
            continue;
          }
          if (pass == 0) {
            planner.index(item);
          } else {
            planner.transform(item);
          }
        }
      } catch (IOException e) {
        throw new TransshipException(source.address() + ": cannot read (" + e.getMessage() + ")");
      }
    }
    return planner.plan(source.name(), source.address());
  }
}
