package dev.transship.lint.checks;

import dev.transship.lint.Check;
import dev.transship.lint.CheckInfo;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every lint check, in the order {@code --list-checks} prints them. Checks keep state across a
 * run, so each run gets fresh instances.
 */
public final class CheckCatalog {
  private static final List<Supplier<Check>> ALL = List.of(
      // traffic
      AlbIngressCheck::new,
      AwsLoadBalancerServiceCheck::new,
      TargetGroupBindingCheck::new,
      ManagedCertificateCheck::new,
      GcpProjectResourceCheck::new,
      IngressTlsSecretCheck::new,
      // cluster-specific wiring
      ControllerFinalizerCheck::new,
      AwsOnlyResourceCheck::new,
      ControllerWebhookCheck::new,
      SourceCloudAddonCheck::new,
      AwsNodeSchedulingCheck::new,
      AppMeshNameCheck::new,
      EksClusterBoundCheck::new,
      IrsaCheck::new,
      SourceClusterNameCheck::new,
      // images
      EcrImageCheck::new,
      EcrTokenExpiredCheck::new,
      EcrTokenRefresherCheck::new,
      // data
      StorageClassCheck::new,
      AwsVolumeCheck::new,
      ManyWritersOnDiskCheck::new,
      StatefulDataCheck::new,
      // things that would run twice
      CronJobPolicyCheck::new,
      CronJobScheduleCheck::new,
      UnfinishedJobCheck::new,
      // API versions
      RemovedApiCheck::new);

  private CheckCatalog() {}

  /** Fresh instances of every check. */
  public static List<Check> create() {
    return ALL.stream().map(Supplier::get).toList();
  }

  public static List<CheckInfo> infos() {
    return create().stream().map(Check::info).toList();
  }
}
