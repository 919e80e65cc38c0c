package dev.transship.kube;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * One line for a YAML file that will not parse: {@code file:line:column: not valid YAML (problem)}.
 * SnakeYAML's own message spans several lines (a snippet and a caret) and Jackson's location is
 * the context's start, not the problem's, so both come from SnakeYAML's problem mark instead.
 */
public final class YamlError {
  private YamlError() {}

  public static String describe(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return file + ": no such file";
    }
    if (e instanceof AccessDeniedException) {
      return file + ": permission denied";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ReaderException reader) {
        return file + ": not valid YAML (character U+" + String.format("%04X", reader.getCodePoint()) + " at offset " + reader.getPosition()
            + " is not allowed in YAML)";
      }
      if (t instanceof CharConversionException) {
        return file + ": not YAML (not UTF-8 text)";
      }
    }
    Throwable cause = e.getCause();
    if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      Mark at = marked.getProblemMark();
      return file + ":" + (at.getLine() + 1) + ":" + (at.getColumn() + 1) + ": not valid YAML (" + firstLine(marked.getProblem()) + ")";
    }
    if (e instanceof JsonProcessingException parse) {
      JsonLocation at = parse.getLocation();
      String where = at == null || at.getLineNr() < 1 ? "" : at.getLineNr() + ":" + at.getColumnNr() + ":";
      return file + ":" + where + " not valid YAML (" + firstLine(parse.getOriginalMessage()) + ")";
    }
    return file + ": cannot read (" + firstLine(e.getMessage()) + ")";
  }

  private static String firstLine(String message) {
    return message == null ? "unknown error" : message.lines().findFirst().orElse("").strip();
  }
}
