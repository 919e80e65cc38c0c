package dev.transship.archive;

/**
 * Where an item sits in the tarball: its key plus the version directory, which is empty for the
 * legacy copy Velero's restore reads, {@code <ver>-preferredversion} for the preferred-version
 * copy, and {@code <ver>} for other versions written under {@code EnableAPIGroupVersions}.
 */
public record ItemPath(ItemKey key, String versionDir) {

  public static ItemPath legacy(ItemKey key) {
    return new ItemPath(key, "");
  }

  public static ItemPath preferred(ItemKey key, String version) {
    return new ItemPath(key, version + VeleroLayout.PREFERRED_VERSION_SUFFIX);
  }

  /** A copy at a version other than the resource's preferred one, as under {@code EnableAPIGroupVersions}. */
  public static ItemPath otherVersion(ItemKey key, String version) {
    return new ItemPath(key, version);
  }

  public boolean isLegacy() {
    return versionDir.isEmpty();
  }

  public boolean isPreferredVersion() {
    return versionDir.endsWith(VeleroLayout.PREFERRED_VERSION_SUFFIX);
  }

  /** The entry name inside the tarball. */
  public String entryName() {
    return VeleroLayout.itemEntryName(this);
  }
}
