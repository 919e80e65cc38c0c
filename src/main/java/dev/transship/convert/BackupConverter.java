package dev.transship.convert;

import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ArchiveLimits;
import dev.transship.archive.ArchiveReader;
import dev.transship.archive.ArchiveWriter;
import dev.transship.archive.BackupFolderWriter;
import dev.transship.archive.BackupResource;
import dev.transship.archive.ItemKey;
import dev.transship.finding.Finding;
import dev.transship.kube.Json;
import dev.transship.archive.BackupDestination;
import dev.transship.archive.BackupSource;
import dev.transship.pipeline.Emitted;
import dev.transship.pipeline.ObjectTransformer;
import dev.transship.pipeline.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import dev.transship.archive.ItemKeySet;

/**
 * The convert pipeline: read the source backup item by item, pass each legacy item through the
 * transformer, write what comes out, then publish the new backup folder in one step. The source is
 * only ever read. Preferred-version copies are regenerated from the legacy items; other version
 * copies are kept only for objects no rule changed, since they would no longer agree.
 */
public final class BackupConverter {
  private final ArchiveLimits limits;
  private final Clock clock;
  private final ChangeListener listener;

  /** Sees each object before and after the transformer, e.g. to build a report with diffs. */
  public interface ChangeListener {
    ChangeListener NONE = (item, outcome) -> {};

    void onItem(ArchiveItem item, Outcome outcome);
  }

  public BackupConverter(ArchiveLimits limits, Clock clock, ChangeListener listener) {
    this.limits = limits;
    this.clock = clock;
    this.listener = listener;
  }

  public ConversionResult convert(BackupSource source, ObjectTransformer transformer, BackupDestination destination, String name)
      throws TransshipException {
    BackupResource.checkConvertible(source.address(), source.backupResource());
    destination.checkFree(name);
    List<String> warnings = new ArrayList<>();
    if (transformer.needsIndex()) {
      indexPass(source, transformer, warnings);
      warnings.clear();
    }
    Path staged = destination.stage(name);
    try {
      var counts = new Counts();
      List<Finding> findings = new ArrayList<>();
      List<String> files;
      try (BackupFolderWriter folder = new BackupFolderWriter(staged, name, clock.instant())) {
        ItemKeySet written = new ItemKeySet();
        ItemKeySet rewritten = new ItemKeySet();
        boolean versionCopies = false;
        try (ArchiveReader reader = new ArchiveReader(source.openTarball(), source.address(), limits, warnings::add)) {
          for (ArchiveItem item = reader.next(); item != null; item = reader.next()) {
            if (!item.path().isLegacy()) {
              versionCopies |= !item.path().isPreferredVersion();
              continue;
            }
            counts.read++;
            Outcome outcome;
            try {
              outcome = transformer.transform(item);
            } catch (TransshipException e) {
              throw e.in(source.address());
            }
            listener.onItem(item, outcome);
            findings.addAll(outcome.findings());
            ItemKey self = item.path().key();
            boolean keptSelf = outcome.objects().stream().anyMatch(e -> e.key().equals(self));
            if (!keptSelf) {
              counts.dropped++;
            }
            if (outcome.changed() || !keptSelf) {
              rewritten.add(item.path().key());
              counts.changed += keptSelf ? 1 : 0;
            }
            write(folder.archive(), outcome, item.path().key(), written, counts);
          }
        } catch (IOException e) {
          throw new TransshipException(source.address() + ": cannot read (" + e.getMessage() + ")");
        }
        Outcome tail;
        try {
          tail = transformer.finish();
        } catch (TransshipException e) {
          throw e.in(source.address());
        }
        findings.addAll(tail.findings());
        write(folder.archive(), tail, null, written, counts);
        if (versionCopies) {
          copyVersionDirectories(source, folder.archive(), rewritten);
        }
        String log = "transship converted backup " + source.name() + " to " + name + ": " + counts.read + " items read, "
            + folder.archive().itemCount() + " written\n";
        counts.written = folder.archive().itemCount();
        var backup = BackupResource.forCopy(source.backupResource(), source.name(), name, counts.written, clock.instant());
        files = folder.finish(backup, BackupFolderWriter.copiedSideFiles(source, name), log);
      }
      destination.publish(name, staged, files);
      return new ConversionResult(source.address(), destination.address(name), name, counts.read, counts.written,
          counts.changed, counts.dropped, counts.generated, findings, warnings);
    } catch (TransshipException | RuntimeException e) {
      destination.discard(staged);
      throw e;
    }
  }

  private static final class Counts {
    long read;
    long written;
    long changed;
    long dropped;
    long generated;
  }

  private void indexPass(BackupSource source, ObjectTransformer transformer, List<String> warnings) throws TransshipException {
    ArchiveReader.readAll(source, limits, warnings::add, item -> {
      if (item.path().isLegacy()) {
        transformer.index(item);
      }
    });
  }

  private static void write(ArchiveWriter archive, Outcome outcome, ItemKey self, ItemKeySet written, Counts counts)
      throws TransshipException {
    for (Emitted emitted : outcome.objects()) {
      if (!written.add(emitted.key())) {
        throw new TransshipException("two objects would be written as " + emitted.key()
            + ": a rule generated an object the backup already holds");
      }
      if (!emitted.key().equals(self)) {
        counts.generated++;
      }
      byte[] bytes = emitted.raw() != null ? emitted.raw() : Json.bytes(emitted.object());
      try {
        archive.writeItem(emitted.key(), emitted.kube(), bytes);
      } catch (IOException e) {
        throw new TransshipException("cannot write " + emitted.key() + " (" + e.getMessage() + ")");
      }
    }
  }

  private void copyVersionDirectories(BackupSource source, ArchiveWriter archive, ItemKeySet rewritten) throws TransshipException {
    ArchiveReader.readAll(source, limits, w -> {}, item -> {
      if (!item.path().isLegacy() && !item.path().isPreferredVersion() && !rewritten.contains(item.path().key())) {
        try {
          archive.writeVersionCopy(item.path(), item.raw());
        } catch (IOException e) {
          throw new TransshipException("cannot write " + item.path().entryName() + " (" + e.getMessage() + ")");
        }
      }
    });
  }
}
