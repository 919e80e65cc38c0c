package dev.transship.archive;

import dev.transship.TransshipException;
import java.io.Closeable;

/** Items in order, one at a time: a tarball as read, or the items a conversion set aside. */
public interface RawItemSource extends Closeable {
  /** The next item, or null at the end. */
  RawItem nextRaw() throws TransshipException;
}
