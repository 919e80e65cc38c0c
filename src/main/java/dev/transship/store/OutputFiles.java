package dev.transship.store;

import dev.transship.TransshipException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The files one run writes beside its main result (reports, plans, baselines), checked together
 * before any work: each must be writable, none may replace a file or land in a folder the run
 * reads, and no two may be the same file (the second would silently win).
 */
public final class OutputFiles {
  private OutputFiles() {}

  /**
   * @param outputs option name to path; null paths are options not given
   * @param inputs files and folders the run reads
   */
  public static void check(List<Output> outputs, List<Path> inputs) throws TransshipException {
    List<Output> given = outputs.stream().filter(o -> o.path() != null).toList();
    for (Output out : given) {
      AtomicFile.checkWritable(out.path());
      refuseInputs(out, inputs);
    }
    List<Output> seen = new ArrayList<>();
    for (Output out : given) {
      for (Output earlier : seen) {
        if (normal(out.path()).equals(normal(earlier.path())) || AtomicFile.sameFile(out.path(), earlier.path())) {
          throw new TransshipException(out.path() + ": " + earlier.option() + " and " + out.option() + " name the same file");
        }
      }
      seen.add(out);
    }
  }

  /**
   * Refuses an output that is an input or lies inside an input folder (such as the source
   * backup's folder: the source is only ever read). Also for outputs that are folders, like a
   * local {@code --to} location, which {@link #check} does not take.
   */
  public static void refuseInputs(Output out, List<Path> inputs) throws TransshipException {
    for (Path input : inputs.stream().filter(Objects::nonNull).toList()) {
      boolean inside = Files.isDirectory(input) && normal(out.path()).startsWith(normal(input));
      if (inside || AtomicFile.sameFile(out.path(), input)) {
        throw new TransshipException(out.path() + ": " + out.option() + " would overwrite an input of this run (" + input + "); write elsewhere");
      }
    }
  }

  /** One output option and its path (null when not given). */
  public record Output(String option, Path path) {}

  private static Path normal(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
