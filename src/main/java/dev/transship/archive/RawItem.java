package dev.transship.archive;

/**
 * One item entry as stored, before any parsing: where it sits and its bytes. Most items of a
 * conversion never need more; {@link ItemParser} turns one into an {@link ArchiveItem} when a rule
 * could change it.
 *
 * @param entryName the tar entry's name as read, for messages
 */
public record RawItem(ItemPath path, String entryName, byte[] raw) {
  /** The stored form of a parsed item, for the questions asked before parsing. */
  public static RawItem of(ArchiveItem item) {
    return new RawItem(item.path(), item.path().entryName(), item.raw());
  }
}
