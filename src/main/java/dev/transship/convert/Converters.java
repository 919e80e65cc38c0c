package dev.transship.convert;

import dev.transship.convert.alb.AlbIngressToGce;
import dev.transship.convert.addons.DropSourceCloudAddons;
import dev.transship.convert.apiversions.RemovedApiVersions;
import dev.transship.convert.awsonly.DropAwsOnlyObjects;
import dev.transship.convert.finalizers.RemoveControllerFinalizers;
import dev.transship.convert.gcp.GcpProjectMove;
import dev.transship.convert.gcp.ManagedCertificateBridge;
import dev.transship.convert.identity.IrsaToWorkloadIdentity;
import dev.transship.convert.jobs.CronJobTimeZone;
import dev.transship.convert.jobs.JobsForRestore;
import dev.transship.convert.registry.CustomResourceImages;
import dev.transship.convert.registry.EcrToRegistry;
import dev.transship.convert.registry.RefreshEcrPullSecrets;
import dev.transship.convert.scheduling.AwsNodeScheduling;
import dev.transship.convert.services.AwsServiceToGkeL4;
import dev.transship.convert.storage.StorageClassMap;
import dev.transship.convert.upgrade.AppMeshRename;
import dev.transship.convert.upgrade.ClusterIdentity;
import dev.transship.convert.upgrade.TargetGroupBindingRetarget;
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
      AlbIngressToGce.SPEC,
      AwsNodeScheduling.SPEC,
      AwsServiceToGkeL4.SPEC,
      CronJobTimeZone.SPEC,
      CustomResourceImages.SPEC,
      DropAwsOnlyObjects.SPEC,
      DropSourceCloudAddons.SPEC,
      EcrToRegistry.SPEC,
      GcpProjectMove.SPEC,
      IrsaToWorkloadIdentity.SPEC,
      JobsForRestore.SPEC,
      ManagedCertificateBridge.SPEC,
      RefreshEcrPullSecrets.SPEC,
      RemoveControllerFinalizers.SPEC,
      RemovedApiVersions.SPEC,
      AppMeshRename.SPEC,
      ClusterIdentity.SPEC,
      TargetGroupBindingRetarget.SPEC,
      StorageClassMap.SPEC);

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
