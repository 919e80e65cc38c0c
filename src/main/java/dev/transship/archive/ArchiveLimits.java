package dev.transship.archive;

/**
 * Bounds that keep a hostile or corrupt tarball from exhausting memory or disk. Kubernetes caps an
 * object at about 1.5 MiB in etcd, so a far larger item is not a real object.
 */
public record ArchiveLimits(long maxItemBytes, long maxTotalBytes, long bombCheckAfterBytes, long maxExpansionRatio) {
  public static final ArchiveLimits DEFAULT =
      new ArchiveLimits(16L << 20, 256L << 30, 64L << 20, 200);
}
