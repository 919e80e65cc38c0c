package dev.transship.archive;

/** Hears how far a long run through a backup has got. Called often on the working thread: keep it cheap. */
public interface Progress {
  Progress NONE = (items, tarballBytesRead) -> {};

  /** @param tarballBytesRead bytes of the (compressed) tarball read so far */
  void update(long items, long tarballBytesRead);
}
