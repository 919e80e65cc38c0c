package dev.transship.lint;

import dev.transship.lint.checks.UnfinishedJobCheck;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every lint check, in the order {@code --list-checks} prints them. Checks keep state across a
 * run, so each run gets fresh instances.
 */
public final class CheckCatalog {
  private static final List<Supplier<Check>> ALL = List.of(
      // one line per check, grouped by theme
      UnfinishedJobCheck::new);

  private CheckCatalog() {}

  /** Fresh instances of every check. */
  public static List<Check> create() {
    return ALL.stream().map(Supplier::get).toList();
  }

  public static List<CheckInfo> infos() {
    return create().stream().map(Check::info).toList();
  }
}
