package dev.transship.convert;

import dev.transship.rules.ConverterSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every built-in converter a rule pack can call with {@code convert: <name>}. */
public final class Converters {
  private static final List<ConverterSpec> ALL = List.of(
      // one line per converter; keep sorted by name
      dev.transship.convert.gcp.GcpProjectMove.SPEC, // gcpProjectMove
      dev.transship.convert.gcp.ManagedCertificateBridge.SPEC, // managedCertificateBridge
      dev.transship.convert.upgrade.AppMeshRename.SPEC, // renameAppMesh
      dev.transship.convert.upgrade.TargetGroupBindingRetarget.SPEC // retargetTargetGroupBindings
  );

  private static final Map<String, ConverterSpec> BY_NAME =
      ALL.stream().collect(Collectors.toMap(ConverterSpec::name, Function.identity()));

  private Converters() {}

  public static List<ConverterSpec> all() {
    return ALL;
  }

  public static Optional<ConverterSpec> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
