package dev.transship.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code -o/--output} names a format and {@code --output-file} a file, as kubectl and pluto spell
 * them. Each refuses a value that looks like the other, so {@code lint -o report.sarif} is an error
 * instead of a text report in a file named after a format.
 */
final class Outputs {
  /** Every format some command prints: a file named like one is almost always a mistaken -o. */
  private static final List<String> ALL_FORMATS = List.of("text", "json", "yaml", "sarif", "junit", "github", "markdown", "mermaid", "html");

  private Outputs() {}

  /** The format, lower-cased, when it is one of {@code formats}. */
  static String format(CommandSpec spec, String value, List<String> formats) {
    String format = value.toLowerCase(Locale.ROOT);
    if (formats.contains(format)) {
      return format;
    }
    if (value.contains("/") || value.contains(".") || value.contains(java.io.File.separator) || value.equals("-")) {
      throw new ParameterException(spec.commandLine(), "-o takes a format (" + choices(formats) + "), not a file: write to "
          + value + " with --output-file " + value);
    }
    throw new ParameterException(spec.commandLine(), "-o must be " + choices(formats) + ", not '" + value + "'");
  }

  /** "a", "a or b", "a, b or c". */
  private static String choices(List<String> formats) {
    int last = formats.size() - 1;
    return last == 0 ? formats.get(0) : String.join(", ", formats.subList(0, last)) + " or " + formats.get(last);
  }

  /** Refuses an --output-file that is a bare format name. */
  static void checkFile(CommandSpec spec, Path file) {
    if (file != null && ALL_FORMATS.contains(file.toString().toLowerCase(Locale.ROOT))) {
      throw new ParameterException(spec.commandLine(), "--output-file " + file + " looks like a format: did you mean -o " + file
          + "? (a file name has an extension or a folder)");
    }
  }
}
