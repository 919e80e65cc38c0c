package dev.transship.convert;

import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ArchiveLimits;
import dev.transship.archive.ArchiveReader;
import dev.transship.archive.ArchiveWriter;
import dev.transship.archive.BackupFolderWriter;
import dev.transship.archive.BackupResource;
import dev.transship.archive.ItemKey;
import dev.transship.archive.ItemParser;
import dev.transship.archive.ItemSpool;
import dev.transship.archive.PreparedItems;
import dev.transship.archive.RawItem;
import dev.transship.finding.FindingLog;
import dev.transship.archive.BackupDestination;
import dev.transship.archive.BackupSource;
import dev.transship.pipeline.Emitted;
import dev.transship.pipeline.ObjectTransformer;
import dev.transship.pipeline.Outcome;
import dev.transship.archive.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.io.input.TeeInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import dev.transship.archive.ItemKeySet;

/**
 * The convert pipeline: read the source backup item by item, pass each legacy item through the
 * transformer, write what comes out, then publish the new backup folder in one step. The source is
 * only ever read. Preferred-version copies are regenerated from the legacy items; other version
 * copies are kept only for objects no rule changed, since they would no longer agree. A conversion
 * that changes nothing (a copy under a new name) keeps the source's compressed tarball byte for
 * byte, still reading and checking every item on the way.
 */
public final class BackupConverter {
  private final ArchiveLimits limits;
  private final Clock clock;
  private final ChangeListener listener;
  private final ArchiveWriter.Compression compression;
  private final Progress progress;

  /** Sees each object before and after the transformer, e.g. to build a report with diffs. */
  public interface ChangeListener {
    ChangeListener NONE = (item, outcome) -> {};

    void onItem(ArchiveItem item, Outcome outcome);

    /**
     * Sees what {@link ObjectTransformer#finish} adds at the end: generated objects of no single
     * item, written like the others, so a report must list them too.
     */
    default void onFinish(Outcome tail) {}
  }

  public BackupConverter(ArchiveLimits limits, Clock clock, ChangeListener listener, ArchiveWriter.Compression compression,
      Progress progress) {
    this.limits = limits;
    this.clock = clock;
    this.listener = listener;
    this.compression = compression;
    this.progress = progress;
  }

  public BackupConverter(ArchiveLimits limits, Clock clock, ChangeListener listener, ArchiveWriter.Compression compression) {
    this(limits, clock, listener, compression, Progress.NONE);
  }

  public BackupConverter(ArchiveLimits limits, Clock clock, ChangeListener listener) {
    this(limits, clock, listener, ArchiveWriter.Compression.DEFAULT);
  }

  public ConversionResult convert(BackupSource source, ObjectTransformer transformer, BackupDestination destination, String name)
      throws TransshipException {
    BackupResource.checkConvertible(source.address(), source.backupResource());
    destination.checkFree(name);
    List<String> warnings = new ArrayList<>();
    Path staged = destination.stage(name);
    Run run = null;
    try {
      List<String> files;
      boolean copy = transformer.changesNothing();
      try (BackupFolderWriter folder = new BackupFolderWriter(staged, name, clock.instant(), compression, copy);
          ItemSpool waiting = transformer.needsIndex() ? new ItemSpool() : null) {
        Run current = new Run(source, transformer, folder.archive());
        run = current;
        boolean versionCopies = onePass(source, copy ? folder.tarballCopy() : null, transformer, current, waiting, warnings);
        if (waiting != null) {
          // The index has seen every item: now the ones whose conversion needs it, parsed ahead on the pool
          // (a ServiceAccount waits for its workloads: tens of thousands of items in a large cluster).
          try (var items = new PreparedItems<>(waiting.items(), current.parser::parse, compression.threads())) {
            for (ArchiveItem item = items.next(); item != null; item = items.next()) {
              current.convert(item);
            }
          } catch (IOException e) {
            throw new TransshipException("cannot read the items set aside (" + e.getMessage() + ")");
          }
        }
        Outcome tail;
        try {
          tail = transformer.finish();
        } catch (TransshipException e) {
          throw e.in(source.address());
        }
        listener.onFinish(tail);
        tail.findings().forEach(current.findings::add);
        current.emit(tail, null);
        if (versionCopies && !copy) {
          copyVersionDirectories(source, folder.archive(), current.rewritten);
        }
        Counts counts = current.counts;
        String log = "transship converted backup " + source.name() + " to " + name + ": " + counts.read + " items read, "
            + folder.archive().itemCount() + " written\n";
        counts.written = folder.archive().itemCount();
        var backup = BackupResource.forCopy(source.backupResource(), source.name(), name, counts.written, clock.instant());
        files = folder.finish(backup, BackupFolderWriter.copiedSideFiles(source, name), log);
      }
      destination.publish(name, staged, files);
      Counts counts = run.counts;
      return new ConversionResult(source.address(), destination.address(name), name, counts.read, counts.written,
          counts.changed, counts.dropped, counts.generated, run.findings, warnings);
    } catch (TransshipException | RuntimeException e) {
      destination.discard(staged);
      if (run != null) {
        run.findings.close();
      }
      throw e;
    }
  }

  /** What the pool threads decide about one item before the converting thread sees it. */
  private record Triage(RawItem raw, ArchiveItem parsed, boolean index, boolean change, boolean waits) {}

  /**
   * The one pass over the tarball: each legacy item is indexed if the transformer asks, then
   * converted, set aside until the index is complete, or written as stored when no rule could
   * change it. Parsing runs on pool threads ahead of the reader.
   *
   * @return whether the tarball holds non-preferred version copies, copied in a pass of their own
   */
  private boolean onePass(BackupSource source, OutputStream tarballCopy, ObjectTransformer transformer, Run run, ItemSpool waiting,
      List<String> warnings) throws TransshipException {
    boolean indexing = waiting != null;
    boolean versionCopies = false;
    InputStream tarball = source.openTarball();
    // a copy takes every compressed byte the reader reads, and at the end what it left (the gzip trailer)
    InputStream read = tarballCopy == null ? tarball : new TeeInputStream(tarball, tarballCopy, false);
    ArchiveReader reader = new ArchiveReader(read, source.address(), limits, warnings::add);
    try (var items = new PreparedItems<Triage>(reader, raw -> {
      if (!raw.path().isLegacy()) {
        return new Triage(raw, null, false, false, false);
      }
      boolean index = indexing && transformer.indexes(raw);
      boolean change = transformer.mayChange(raw);
      boolean waits = indexing && change && transformer.readsIndex(raw);
      return new Triage(raw, index || (change && !waits) ? run.parser.parse(raw) : null, index, change, waits);
    }, compression.threads())) {
      for (Triage item = items.next(); item != null; item = items.next()) {
        if (!item.raw().path().isLegacy()) {
          versionCopies |= !item.raw().path().isPreferredVersion();
          continue;
        }
        if (++run.counts.read % 256 == 0) {
          progress.update(run.counts.read, reader.compressedBytesRead());
        }
        if (item.index()) {
          try {
            transformer.index(item.parsed());
          } catch (TransshipException e) {
            throw e.in(source.address());
          }
        }
        if (item.waits()) {
          waiting.add(item.raw());
        } else if (item.change()) {
          run.convert(item.parsed());
        } else {
          run.passThrough(item.raw());
        }
      }
      reader.requireItems(run.counts.read);
      progress.update(run.counts.read, reader.compressedBytesRead());
      if (tarballCopy != null) {
        read.transferTo(OutputStream.nullOutputStream());
      }
    } catch (IOException e) {
      throw new TransshipException(source.address() + ": cannot read (" + e.getMessage() + ")");
    }
    return versionCopies;
  }

  /** The state of one conversion: what was written, what changed, what the rules said. */
  private final class Run {
    final BackupSource source;
    final ObjectTransformer transformer;
    final ArchiveWriter archive;
    final ItemParser parser;
    final Counts counts = new Counts();
    final FindingLog findings = new FindingLog();
    final ItemKeySet written = new ItemKeySet();
    final ItemKeySet rewritten = new ItemKeySet();

    Run(BackupSource source, ObjectTransformer transformer, ArchiveWriter archive) {
      this.source = source;
      this.transformer = transformer;
      this.archive = archive;
      this.parser = new ItemParser(source.address());
    }

    /** No rule could touch it: written as stored, checked but never parsed. */
    void passThrough(RawItem raw) throws TransshipException {
      ItemKey self = raw.path().key();
      claim(written, self);
      writeArchive(() -> archive.writeUnparsed(raw, parser), self);
    }

    void convert(ArchiveItem item) throws TransshipException {
      ItemKey self = item.path().key();
      Outcome outcome;
      try {
        outcome = transformer.transform(item);
      } catch (TransshipException e) {
        throw e.in(source.address());
      }
      listener.onItem(item, outcome);
      outcome.findings().forEach(findings::add);
      Emitted kept = outcome.self(self);
      boolean keptSelf = kept != null;
      if (!keptSelf) {
        counts.dropped++;
      }
      if (outcome.changed() || !keptSelf) {
        rewritten.add(self);
        counts.changed += keptSelf ? 1 : 0;
      }
      emit(outcome, self);
    }

    /** Writes what came of an item ({@code self}; null for objects generated at the end), counting generated ones. */
    void emit(Outcome outcome, ItemKey self) throws TransshipException {
      for (Emitted emitted : outcome.objects()) {
        claim(written, emitted.key());
        if (self == null || !(emitted.key().equals(self) || emitted == outcome.self(self))) {
          counts.generated++;
        }
        writeArchive(() -> {
          if (emitted.raw() != null) {
            archive.writeItem(emitted.key(), emitted.kube(), emitted.raw());
          } else {
            archive.writeItem(emitted.key(), emitted.object());
          }
        }, emitted.key());
      }
    }
  }

  private static final class Counts {
    long read;
    long written;
    long changed;
    long dropped;
    long generated;
  }

  private static void claim(ItemKeySet written, ItemKey key) throws TransshipException {
    if (!written.add(key)) {
      throw new TransshipException("two objects would be written as " + key + ": a rule generated an object the backup already holds");
    }
  }

  private interface ArchiveWrite {
    void run() throws IOException, TransshipException;
  }

  private static void writeArchive(ArchiveWrite write, ItemKey key) throws TransshipException {
    try {
      write.run();
    } catch (IOException e) {
      throw new TransshipException("cannot write " + key + " (" + e.getMessage() + ")");
    }
  }

  private void copyVersionDirectories(BackupSource source, ArchiveWriter archive, ItemKeySet rewritten) throws TransshipException {
    ItemParser parser = new ItemParser(source.address());
    ArchiveReader.readAllRaw(source, limits, w -> {}, item -> {
      if (!item.path().isLegacy() && !item.path().isPreferredVersion() && !rewritten.contains(item.path().key())) {
        parser.check(item);
        writeArchive(() -> archive.writeVersionCopy(item.path(), item.raw()), item.path().key());
      }
    });
  }
}
