package dev.transship.archive;

import dev.transship.TransshipException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Items set aside in a private temporary file until a pass over the tarball is done: the few a
 * rule can only convert knowing the whole backup (which Services an Ingress routes to), so the rest
 * need not wait for a second pass. Holds nothing in memory but a write buffer.
 */
public final class ItemSpool implements AutoCloseable {
  private final Path file;
  private final DataOutputStream out;
  private long items;

  public ItemSpool() throws TransshipException {
    try {
      // The items may be Secrets: readable by this user only.
      file = Files.createTempFile("transship-spool-", ".bin",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    } catch (IOException | UnsupportedOperationException e) {
      throw new TransshipException("cannot create a temporary file (" + e.getMessage() + ")");
    }
  }

  public void add(RawItem item) throws TransshipException {
    try {
      out.writeUTF(item.entryName());
      out.writeInt(item.raw().length);
      out.write(item.raw());
      items++;
    } catch (IOException e) {
      throw new TransshipException(file + ": cannot write (" + e.getMessage() + ")");
    }
  }

  public long size() {
    return items;
  }

  /** Receives the spooled items in the order they were added. */
  public interface Visitor {
    void visit(RawItem item) throws TransshipException;
  }

  public void forEach(Visitor visitor) throws TransshipException {
    try {
      out.flush();
      try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
        for (long i = 0; i < items; i++) {
          String name = in.readUTF();
          byte[] raw = new byte[in.readInt()];
          in.readFully(raw);
          visitor.visit(new RawItem(VeleroLayout.parseItemEntry(name), name, raw));
        }
      }
    } catch (EOFException e) {
      throw new TransshipException(file + ": truncated");
    } catch (IOException e) {
      throw new TransshipException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException ignored) {
      // deleted next
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temporary file the OS clears
    }
  }
}
