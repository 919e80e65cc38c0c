package dev.transship.rules.actions;

import dev.transship.rules.ActionType;
import java.util.List;
import java.util.Optional;

/** The generic actions a rule can list. Built-in converters are called through {@code convert:}. */
public final class ActionTypes {
  private static final List<ActionType> ALL = List.of(
      JsonPatchAction.TYPE,
      MergePatchAction.TYPE,
      MetadataMapAction.SET_LABELS,
      MetadataMapAction.REMOVE_LABELS,
      MetadataMapAction.SET_ANNOTATIONS,
      MetadataMapAction.REMOVE_ANNOTATIONS,
      RemoveFinalizersAction.TYPE,
      RewriteImagesAction.TYPE,
      DropAction.TYPE,
      GenerateAction.TYPE);

  private ActionTypes() {}

  public static List<ActionType> all() {
    return ALL;
  }

  public static Optional<ActionType> named(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
