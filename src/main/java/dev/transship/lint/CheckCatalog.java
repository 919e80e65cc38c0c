package dev.transship.lint;

import dev.transship.lint.checks.AlbIngressCheck;
import dev.transship.lint.checks.AppMeshNameCheck;
import dev.transship.lint.checks.AwsLoadBalancerServiceCheck;
import dev.transship.lint.checks.AwsOnlyResourceCheck;
import dev.transship.lint.checks.AwsVolumeCheck;
import dev.transship.lint.checks.ControllerFinalizerCheck;
import dev.transship.lint.checks.CronJobPolicyCheck;
import dev.transship.lint.checks.CronJobScheduleCheck;
import dev.transship.lint.checks.EcrImageCheck;
import dev.transship.lint.checks.EcrTokenExpiredCheck;
import dev.transship.lint.checks.EcrTokenRefresherCheck;
import dev.transship.lint.checks.EksClusterBoundCheck;
import dev.transship.lint.checks.GcpProjectResourceCheck;
import dev.transship.lint.checks.IngressTlsSecretCheck;
import dev.transship.lint.checks.IrsaCheck;
import dev.transship.lint.checks.ManagedCertificateCheck;
import dev.transship.lint.checks.RemovedApiCheck;
import dev.transship.lint.checks.SourceClusterNameCheck;
import dev.transship.lint.checks.StatefulDataCheck;
import dev.transship.lint.checks.StorageClassCheck;
import dev.transship.lint.checks.TargetGroupBindingCheck;
import dev.transship.lint.checks.UnfinishedJobCheck;
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
