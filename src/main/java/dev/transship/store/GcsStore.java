package dev.transship.store;

import com.google.cloud.BaseServiceException;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import dev.transship.TransshipException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A storage location in a Google Cloud Storage bucket. */
public final class GcsStore implements ObjectStore {
  private final Storage storage;
  private final String bucket;
  private final String prefix;

  public GcsStore(Storage storage, String bucket, String prefix) {
    this.storage = storage;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  private String fullKey(String key) {
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  @Override
  public String address(String key) {
    return "gs://" + bucket + "/" + fullKey(key);
  }

  @Override
  public Optional<InputStream> open(String key) throws TransshipException {
    try {
      Blob blob = storage.get(BlobId.of(bucket, fullKey(key)));
      return blob == null ? Optional.empty() : Optional.of(Channels.newInputStream(blob.reader()));
    } catch (RuntimeException e) {
      throw failure("read", key, e);
    }
  }

  @Override
  public Optional<Long> size(String key) throws TransshipException {
    try {
      Blob blob = storage.get(BlobId.of(bucket, fullKey(key)));
      return blob == null ? Optional.empty() : Optional.of(blob.getSize());
    } catch (RuntimeException e) {
      throw failure("read", key, e);
    }
  }

  @Override
  public boolean anyUnder(String keyPrefix) throws TransshipException {
    try {
      return storage.list(bucket, Storage.BlobListOption.prefix(fullKey(keyPrefix)), Storage.BlobListOption.pageSize(1))
          .getValues().iterator().hasNext();
    } catch (RuntimeException e) {
      throw failure("list", keyPrefix, e);
    }
  }

  @Override
  public List<String> list(String keyPrefix) throws TransshipException {
    String root = fullKey("");
    try {
      List<String> keys = new ArrayList<>();
      for (Blob blob : storage.list(bucket, Storage.BlobListOption.prefix(fullKey(keyPrefix))).iterateAll()) {
        keys.add(blob.getName().substring(root.length()));
      }
      return keys;
    } catch (RuntimeException e) {
      throw failure("list", keyPrefix, e);
    }
  }

  @Override
  public void upload(String key, InputStream in, long size) throws TransshipException {
    try {
      storage.createFrom(BlobInfo.newBuilder(bucket, fullKey(key)).build(), in);
    } catch (IOException | RuntimeException e) {
      throw failure("write", key, e);
    }
  }

  @Override
  public void upload(String key, Path file) throws TransshipException {
    try {
      storage.createFrom(BlobInfo.newBuilder(bucket, fullKey(key)).build(), file, 1 << 20);
    } catch (IOException | RuntimeException e) {
      throw failure("write", key, e);
    }
  }

  @Override
  public void delete(String key) throws TransshipException {
    try {
      storage.delete(BlobId.of(bucket, fullKey(key)));
    } catch (RuntimeException e) {
      throw failure("delete", key, e);
    }
  }

  private TransshipException failure(String verb, String key, Exception e) {
    String why = e instanceof BaseServiceException s && s.getCode() == 404
        ? "bucket " + bucket + " does not exist"
        : S3Store.firstLine(e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.UnknownHostException) {
        why = "cannot reach " + t.getMessage() + " (no network, or DNS does not resolve it)";
      }
    }
    return new TransshipException(address(key) + ": cannot " + verb + ": " + why, e);
  }
}
