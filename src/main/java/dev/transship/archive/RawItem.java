package dev.transship.archive;

/**
 * One item entry as stored, before any parsing: where it sits and its bytes. Most items of a
 * conversion never need more; {@link ItemParser} turns one into an {@link ArchiveItem} when a rule
 * could change it.
 */
public final class RawItem {
  private final ItemPath path;
  private final String entryName;
  private final byte[] raw;
  /** The bytes as text for {@link RawText.Needles}, made on the first question: every rule asks of the same item. */
  private RawText.Latin1 latin1;

  /** @param entryName the tar entry's name as read, for messages */
  public RawItem(ItemPath path, String entryName, byte[] raw) {
    this.path = path;
    this.entryName = entryName;
    this.raw = raw;
  }

  /** The stored form of a parsed item, for the questions asked before parsing. */
  public static RawItem of(ArchiveItem item) {
    return new RawItem(item.path(), item.path().entryName(), item.raw());
  }

  public ItemPath path() {
    return path;
  }

  public String entryName() {
    return entryName;
  }

  public byte[] raw() {
    return raw;
  }

  RawText.Latin1 latin1() {
    if (latin1 == null) {
      latin1 = new RawText.Latin1(raw);
    }
    return latin1;
  }
}
