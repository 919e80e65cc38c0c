package dev.transship.store;

import dev.transship.TransshipException;
import dev.transship.archive.BackupDestination;
import dev.transship.archive.BackupSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Copies file-system backup repositories ({@code kopia/<namespace>/}, {@code restic/<namespace>/})
 * from one storage location to another, object by object, streamed. Rerunning it resumes: an
 * object already in the destination with the same size and SHA-256 is skipped. Every copied object
 * is read back and compared, so a truncated upload is an error, not a volume that restores empty.
 */
public final class VolumeDataCopy {
  /** What a copy did. */
  public record Copied(int objects, long bytes, int alreadyPresent) {}

  private final ObjectStore from;
  private final ObjectStore to;

  /**
   * What a conversion from {@code source} to {@code destination} means for the volume data behind
   * {@code prefixes}, as lines for the user; copies it when {@code copy} is set and both ends are
   * storage locations.
   */
  public static List<String> forConversion(BackupSource source, BackupDestination destination, Collection<String> prefixes,
      boolean copy) throws TransshipException {
    if (prefixes.isEmpty()) {
      if (copy) {
        throw new TransshipException("--copy-volume-data: " + source.address() + " has no file-system volume backups (no PodVolumeBackup with data)");
      }
      return List.of();
    }
    String needed = String.join(", ", prefixes);
    Optional<ObjectStore> from = source instanceof LocationBackupSource l ? Optional.of(l.store()) : Optional.empty();
    Optional<ObjectStore> to = destination instanceof LocationDestination d ? Optional.of(d.store()) : Optional.empty();
    if (from.isPresent() && to.isPresent()) {
      VolumeDataCopy data = new VolumeDataCopy(from.get(), to.get());
      if (data.sameLocation()) {
        return List.of("volume data: " + needed + " already in this location");
      }
      if (!copy) {
        return List.of("volume data: the new location needs " + needed + " from " + from.get().address("")
            + " or its volumes restore empty; add --copy-volume-data to copy them");
      }
      List<String> missing = data.missingInSource(prefixes);
      if (!missing.isEmpty()) {
        throw new TransshipException(from.get().address(missing.get(0)) + ": no volume data there, though the backup's PodVolumeBackups point at it"
            + (missing.size() > 1 ? " (nor at " + String.join(", ", missing.subList(1, missing.size())) + ")" : ""));
      }
      Copied copied = data.copy(prefixes);
      return List.of(String.format("volume data: copied %s to %s: %d objects, %.1f MB (%d already there and verified)",
          needed, to.get().address(""), copied.objects(), copied.bytes() / 1e6, copied.alreadyPresent()));
    }
    if (copy) {
      throw new TransshipException("--copy-volume-data needs a storage location on both sides (s3://, gs:// or a folder holding backups/), not "
          + (from.isEmpty() ? source.address() : destination.address("")));
    }
    return List.of("volume data: wherever this backup is restored from, its location must hold " + needed
        + " from the source's location, or its volumes restore empty");
  }

  public VolumeDataCopy(ObjectStore from, ObjectStore to) {
    this.from = from;
    this.to = to;
  }

  /** True when both stores are the same location root, so the data is already where it is needed. */
  public boolean sameLocation() {
    return from.address("").equals(to.address(""));
  }

  /** The prefixes that hold nothing in the source: the data is gone (or the location is not the one the backup used). */
  public List<String> missingInSource(Collection<String> prefixes) throws TransshipException {
    List<String> missing = new ArrayList<>();
    for (String prefix : prefixes) {
      if (!from.anyUnder(prefix)) {
        missing.add(prefix);
      }
    }
    return missing;
  }

  public Copied copy(Collection<String> prefixes) throws TransshipException {
    int objects = 0;
    int present = 0;
    long bytes = 0;
    for (String prefix : prefixes) {
      for (String key : from.list(prefix)) {
        long size = from.size(key).orElseThrow(() -> new TransshipException(from.address(key) + ": vanished while copying"));
        if (to.size(key).filter(s -> s == size).isPresent() && Arrays.equals(sha256(from, key), sha256(to, key))) {
          present++;
          continue;
        }
        byte[] sent = upload(key, size);
        if (to.size(key).filter(s -> s == size).isEmpty() || !Arrays.equals(sent, sha256(to, key))) {
          throw new TransshipException(to.address(key) + ": the copy does not match " + from.address(key) + " (size or SHA-256); rerun to retry");
        }
        objects++;
        bytes += size;
      }
    }
    return new Copied(objects, bytes, present);
  }

  private byte[] upload(String key, long size) throws TransshipException {
    MessageDigest digest = newDigest();
    try (InputStream in = new DigestInputStream(open(from, key), digest)) {
      to.upload(key, in, size);
    } catch (IOException e) {
      throw new TransshipException(from.address(key) + ": cannot read (" + e.getMessage() + ")");
    }
    return digest.digest();
  }

  private static byte[] sha256(ObjectStore store, String key) throws TransshipException {
    MessageDigest digest = newDigest();
    try (InputStream in = new DigestInputStream(open(store, key), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new TransshipException(store.address(key) + ": cannot read (" + e.getMessage() + ")");
    }
    return digest.digest();
  }

  private static InputStream open(ObjectStore store, String key) throws TransshipException {
    return store.open(key).orElseThrow(() -> new TransshipException(store.address(key) + ": vanished while copying"));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
