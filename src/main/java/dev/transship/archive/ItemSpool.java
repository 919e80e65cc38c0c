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

  /** The spooled items in the order they were added, read back from the file. */
  public RawItemSource items() throws TransshipException {
    DataInputStream in;
    try {
      out.flush();
      in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    } catch (IOException e) {
      throw new TransshipException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return new RawItemSource() {
      private long read;

      @Override
      public RawItem nextRaw() throws TransshipException {
        if (read == items) {
          return null;
        }
        try {
          String name = in.readUTF();
          byte[] raw = new byte[in.readInt()];
          in.readFully(raw);
          read++;
          return new RawItem(VeleroLayout.parseItemEntry(name), name, raw);
        } catch (EOFException e) {
          throw new TransshipException(file + ": truncated");
        } catch (IOException e) {
          throw new TransshipException(file + ": cannot read (" + e.getMessage() + ")");
        }
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
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
