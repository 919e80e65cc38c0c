package dev.transship.convert.finalizers;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A finalizer name pattern where {@code *} stands for any run of characters, slashes included. */
record FinalizerGlob(String text, Pattern pattern) {
  static FinalizerGlob of(String text) {
    String regex = Arrays.stream(text.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
    return new FinalizerGlob(text, Pattern.compile(regex));
  }

  boolean matches(String finalizer) {
    return pattern.matcher(finalizer).matches();
  }
}
