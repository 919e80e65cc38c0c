package dev.transship.convert.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.transship.archive.ItemKey;
import dev.transship.finding.Severity;
import dev.transship.kube.Container;
import dev.transship.kube.KubeObject;
import dev.transship.kube.PodTemplate;
import dev.transship.kube.PodTemplates;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.SeenValues;
import dev.transship.rules.UnmatchedValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * IAM Roles for Service Accounts -> GKE Workload Identity (cloud-mapping.md §5.1). A ServiceAccount's
 * role ARN becomes the Google service account the rule maps it to; the EKS annotations go. The EKS
 * pod identity webhook also wrote a projected token volume and two env variables into each Pod;
 * GKE has no such webhook and the token would be for the wrong audience, so they go too.
 */
public final class IrsaToWorkloadIdentity implements ObjectAction {
  /** Each change this converter makes comes with a finding of its own. */
  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  static final String ROLE_ARN = "eks.amazonaws.com/role-arn";
  static final String EKS_PREFIX = "eks.amazonaws.com/";
  static final String GKE_SERVICE_ACCOUNT = "iam.gke.io/gcp-service-account";
  /** What the webhook injects into Pods (amazon-eks-pod-identity-webhook, handler.go). */
  static final String TOKEN_VOLUME = "aws-iam-token";
  static final Set<String> INJECTED_ENV = Set.of("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE");
  /** Pod annotation telling the webhook which containers to leave alone. */
  static final String SKIP_CONTAINERS = "eks.amazonaws.com/skip-containers";

  private static final Pattern GOOGLE_SERVICE_ACCOUNT = Pattern.compile("[^@\\s]+@[^@\\s]+\\.gserviceaccount\\.com");

  private final Map<String, String> serviceAccounts;
  private final String gcpProject;
  /** From the index pass: the role ARNs ServiceAccounts carry, and the mapped ones among them. */
  private final SeenValues seenRoles = new SeenValues();
  private final Set<String> matchedRoles = new HashSet<>();

  IrsaToWorkloadIdentity(Map<String, String> serviceAccounts, String gcpProject) {
    this.serviceAccounts = serviceAccounts;
    this.gcpProject = gcpProject;
  }

  /** A role occurs as a ServiceAccount's {@value #ROLE_ARN} annotation: the only place this converter maps one. */
  @Override
  public void observe(ItemKey key, KubeObject object) {
    String role = object.kind().equals("ServiceAccount") && object.group().isEmpty() ? object.annotation(ROLE_ARN) : null;
    if (role != null) {
      seenRoles.add(role);
      if (serviceAccounts.containsKey(role)) {
        matchedRoles.add(role);
      }
    }
  }

  @Override
  public List<UnmatchedValues> unmatched() {
    UnmatchedValues unmatched = seenRoles.unmatched("serviceAccounts", true, serviceAccounts.keySet(), matchedRoles,
        "IAM roles (" + ROLE_ARN + ")");
    return unmatched == null ? List.of() : List.of(unmatched);
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if (object.kind().equals("ServiceAccount") && object.group().isEmpty()) {
      convertServiceAccount(ctx);
    } else {
      for (PodTemplate template : PodTemplates.in(object)) {
        removeInjection(ctx, template, object.kind().equals("Pod"));
      }
    }
  }

  private void convertServiceAccount(ActionContext ctx) {
    KubeObject account = ctx.object();
    String role = account.annotation(ROLE_ARN);
    if (role == null) {
      return;
    }
    String binding = "gcloud iam service-accounts add-iam-policy-binding %s --role roles/iam.workloadIdentityUser --member \"serviceAccount:"
        + gcpProject + ".svc.id.goog[" + account.namespace() + "/" + account.name() + "]\"";
    String google = serviceAccounts.get(role);
    account.removeAnnotation(ROLE_ARN);
    if (google == null) {
      ctx.error("irsa-unmapped", "IAM role " + role + " has no Google service account in serviceAccounts; removed " + ROLE_ARN
          + ", so the pods run without cloud credentials", "add '" + role + ": NAME@" + gcpProject
          + ".iam.gserviceaccount.com' to serviceAccounts, grant that account the role's permissions, and let this "
          + "ServiceAccount use it: " + String.format(binding, "NAME@" + gcpProject + ".iam.gserviceaccount.com"));
    } else {
      account.setAnnotation(GKE_SERVICE_ACCOUNT, google);
      ctx.report(Severity.INFO, "irsa-mapped", "IAM role " + role + " -> Google service account " + google + " (" + GKE_SERVICE_ACCOUNT + ")",
          "the Google service account must let this ServiceAccount act as it: " + String.format(binding, google));
    }
    for (String key : account.annotations().keySet()) {
      if (key.startsWith(EKS_PREFIX)) {
        String value = account.annotation(key);
        account.removeAnnotation(key);
        ctx.info("irsa-annotation-removed", "removed " + key + ": " + value + " (an IRSA setting; Workload Identity has no equivalent)");
      }
    }
  }

  /** Strips what the EKS webhook injected; in a template someone wrote it, so that is a warning. */
  private void removeInjection(ActionContext ctx, PodTemplate template, boolean pod) {
    List<String> removed = new ArrayList<>();
    for (Container container : template.containers()) {
      List<String> env = container.removeEnv(INJECTED_ENV);
      if (!env.isEmpty()) {
        removed.add(container.describe() + " env " + String.join(", ", env));
      }
    }
    JsonNode volume = template.volume(TOKEN_VOLUME);
    if (volume != null && volume.has("projected")) {
      template.removeVolume(TOKEN_VOLUME);
      removed.add("projected token volume " + TOKEN_VOLUME + " and its mounts");
    }
    if (template.removeAnnotation(SKIP_CONTAINERS)) {
      removed.add("annotation " + SKIP_CONTAINERS);
    }
    if (removed.isEmpty()) {
      return;
    }
    String what = "removed the IRSA web identity settings from " + template.path() + ": " + String.join("; ", removed);
    if (pod) {
      ctx.info("irsa-injection-removed", what + " (the EKS pod identity webhook injected them; GKE has none)");
    } else {
      ctx.warn("irsa-injection-removed", what + " (written into the template by hand; without the EKS webhook and trust in this cluster's issuer they do not work)",
          "if the workload must keep calling AWS from GKE, put them back and let the IAM role trust the GKE cluster's OIDC issuer (cloud-mapping.md §5.1)");
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "irsaToWorkloadIdentity",
      "Replace IRSA with GKE Workload Identity: a ServiceAccount's eks.amazonaws.com/role-arn becomes "
          + "iam.gke.io/gcp-service-account from the serviceAccounts map (an unmapped role is an error whose hint is the "
          + "gcloud binding command) and the eks.amazonaws.com/* annotations go; the aws-iam-token volume and the "
          + "AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE env the EKS webhook injected are removed from Pods and templates.",
      List.of(
          ParameterDoc.required("gcpProject", "string", "Google Cloud project of the target cluster (its workload pool is PROJECT.svc.id.goog)"),
          ParameterDoc.optional("serviceAccounts", "map", "IAM role ARN -> Google service account email")),
      """
          - name: irsa-to-workload-identity
            match: {resources: [serviceaccounts, pods, deployments.apps, statefulsets.apps, jobs.batch, cronjobs.batch]}
            actions:
              - convert: irsaToWorkloadIdentity
                with:
                  gcpProject: acme-prod
                  serviceAccounts:
                    "arn:aws:iam::123456789012:role/shop-web": shop-web@acme-prod.iam.gserviceaccount.com
          """,
      IrsaToWorkloadIdentity::create);

  private static ObjectAction create(ConverterConfig config) {
    String project = config.string("gcpProject", "");
    if (!project.matches("[a-z][a-z0-9-]{4,28}[a-z0-9]")) {
      throw new IllegalArgumentException("gcpProject must be a Google Cloud project ID (6-30 lower-case letters, digits, hyphens), not '" + project + "'");
    }
    JsonNode accounts = config.node("serviceAccounts");
    if (accounts != null && !accounts.isNull() && !accounts.isObject()) {
      throw new IllegalArgumentException("serviceAccounts must be a map of IAM role ARN -> Google service account email");
    }
    Map<String, String> map = config.map("serviceAccounts");
    map.forEach((role, google) -> {
      if (!role.startsWith("arn:")) {
        throw new IllegalArgumentException("serviceAccounts: '" + role + "' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
      }
      if (!GOOGLE_SERVICE_ACCOUNT.matcher(google).matches()) {
        throw new IllegalArgumentException("serviceAccounts: '" + google + "' (for " + role + ") is not a Google service account email");
      }
    });
    return new IrsaToWorkloadIdentity(map, project);
  }
}
