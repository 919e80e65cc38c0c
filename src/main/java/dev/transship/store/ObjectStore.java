package dev.transship.store;

import dev.transship.TransshipException;
import java.io.Closeable;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A storage location's root (a bucket and prefix, or a local folder) as flat keys such as {@code
 * backups/nightly/velero-backup.json}. Keys are relative to the root; implementations add the
 * prefix and turn every failure into a one-line {@link TransshipException}.
 */
public interface ObjectStore extends Closeable {
  /** The address a user would type for {@code key}, e.g. {@code s3://bucket/prefix/key}. */
  String address(String key);

  /** Opens an object for streaming; empty when it does not exist. */
  Optional<InputStream> open(String key) throws TransshipException;

  /** The size in bytes of an object; empty when it does not exist. */
  Optional<Long> size(String key) throws TransshipException;

  /** True when any object exists below {@code prefix} (which ends in "/"). */
  boolean anyUnder(String prefix) throws TransshipException;

  /** Every key below {@code prefix} (which ends in "/"), relative to the root, in order. */
  List<String> list(String prefix) throws TransshipException;

  void upload(String key, Path file) throws TransshipException;

  /** Writes {@code size} bytes from {@code in}; a reader never sees a partly written object. */
  void upload(String key, InputStream in, long size) throws TransshipException;

  void delete(String key) throws TransshipException;

  @Override
  default void close() {}
}
