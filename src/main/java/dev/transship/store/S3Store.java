package dev.transship.store;

import dev.transship.TransshipException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A storage location in an S3 (or S3-compatible) bucket. */
public final class S3Store implements ObjectStore {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  /** @param prefix the location prefix without slashes at either end, or "" */
  public S3Store(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  private String fullKey(String key) {
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  @Override
  public String address(String key) {
    return "s3://" + bucket + "/" + fullKey(key);
  }

  @Override
  public Optional<InputStream> open(String key) throws TransshipException {
    try {
      return Optional.of(s3.getObject(b -> b.bucket(bucket).key(fullKey(key))));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("read", key, e);
    }
  }

  @Override
  public Optional<Long> size(String key) throws TransshipException {
    try {
      return Optional.of(s3.headObject(b -> b.bucket(bucket).key(fullKey(key))).contentLength());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !(e instanceof NoSuchBucketException) && !"NoSuchBucket".equals(errorCode(e))) {
        return Optional.empty();
      }
      throw failure("read", key, e);
    } catch (SdkException e) {
      throw failure("read", key, e);
    }
  }

  @Override
  public boolean anyUnder(String keyPrefix) throws TransshipException {
    try {
      return s3.listObjectsV2(b -> b.bucket(bucket).prefix(fullKey(keyPrefix)).maxKeys(1)).keyCount() > 0;
    } catch (SdkException e) {
      throw failure("list", keyPrefix, e);
    }
  }

  @Override
  public List<String> list(String keyPrefix) throws TransshipException {
    String root = fullKey("");
    try {
      List<String> keys = new ArrayList<>();
      s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(fullKey(keyPrefix))).contents()
          .forEach(o -> keys.add(o.key().substring(root.length())));
      return keys;
    } catch (SdkException e) {
      throw failure("list", keyPrefix, e);
    }
  }

  @Override
  public void upload(String key, InputStream in, long size) throws TransshipException {
    try {
      s3.putObject(b -> b.bucket(bucket).key(fullKey(key)), RequestBody.fromInputStream(in, size));
    } catch (SdkException e) {
      throw failure("write", key, e);
    }
  }

  @Override
  public void upload(String key, Path file) throws TransshipException {
    try {
      s3.putObject(b -> b.bucket(bucket).key(fullKey(key)), RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw failure("write", key, e);
    }
  }

  @Override
  public void delete(String key) throws TransshipException {
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(fullKey(key)));
    } catch (SdkException e) {
      throw failure("delete", key, e);
    }
  }

  private TransshipException failure(String verb, String key, SdkException e) {
    String why;
    if (e instanceof NoSuchBucketException || (e instanceof S3Exception s && "NoSuchBucket".equals(errorCode(s)))) {
      why = "bucket " + bucket + " does not exist";
    } else if (e instanceof S3Exception s && (s.statusCode() == 403 || s.statusCode() == 401)) {
      why = "access denied (" + errorCode(s) + ")";
    } else {
      why = explain(e);
    }
    return new TransshipException(address(key) + ": cannot " + verb + ": " + why, e);
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? String.valueOf(e.statusCode()) : e.awsErrorDetails().errorCode();
  }

  /**
   * The SDK's message, unless it is one of the setup failures whose message lists the whole provider
   * chain: those become what to set.
   */
  static String explain(SdkException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith("Unable to load region")) {
      return "no AWS region found; set AWS_REGION or --s3-region";
    }
    if (message.startsWith("Unable to load credentials")) {
      return "no AWS credentials found; set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run with an IAM role";
    }
    return firstLine(message);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public void close() {
    s3.close();
  }
}
