package dev.transship.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IAM Roles for Service Accounts to GKE Workload Identity (cloud-mapping.md §5.1, Velero #5037):
 * the role ARN annotation becomes {@code iam.gke.io/gcp-service-account} from a map, and the token
 * volume and environment the EKS pod identity webhook injected into pods are removed.
 */
public final class IrsaToWorkloadIdentity implements ObjectAction {
  static final String ROLE_ARN = "eks.amazonaws.com/role-arn";
  static final String GKE_SA = "iam.gke.io/gcp-service-account";
  private static final List<String> IRSA_ENV = List.of("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_STS_REGIONAL_ENDPOINTS");

  private final String gcpProject;
  private final Map<String, String> serviceAccounts;

  IrsaToWorkloadIdentity(String gcpProject, Map<String, String> serviceAccounts) {
    this.gcpProject = gcpProject;
    this.serviceAccounts = serviceAccounts;
  }

  @Override
  public void apply(ActionContext ctx) {
    KubeObject object = ctx.object();
    if ("ServiceAccount".equals(object.kind())) {
      serviceAccount(ctx, object);
      return;
    }
    ObjectNode spec = PodTemplates.podSpec(object);
    if (spec == null) {
      return;
    }
    removeTokenVolume(ctx, spec);
    for (ObjectNode container : PodTemplates.containers(object)) {
      if (container.get("env") instanceof ArrayNode env) {
        for (int i = env.size() - 1; i >= 0; i--) {
          String name = env.get(i).path("name").asText();
          if (IRSA_ENV.contains(name)) {
            env.remove(i);
            ctx.info("irsa-env-removed", "container " + container.path("name").asText() + ": removed " + name + " (injected by the EKS pod identity webhook)");
          }
        }
      }
      if (container.get("volumeMounts") instanceof ArrayNode mounts) {
        for (int i = mounts.size() - 1; i >= 0; i--) {
          if ("aws-iam-token".equals(mounts.get(i).path("name").asText())) {
            mounts.remove(i);
          }
        }
      }
    }
  }

  private void serviceAccount(ActionContext ctx, KubeObject sa) {
    String arn = sa.annotation(ROLE_ARN);
    if (arn == null) {
      return;
    }
    for (String key : new ArrayList<>(sa.annotations().keySet())) {
      if (key.startsWith("eks.amazonaws.com/")) {
        sa.removeAnnotation(key);
      }
    }
    String gsa = serviceAccounts.get(arn);
    if (gsa == null) {
      ctx.error("irsa-unmapped", "IAM role " + arn + " has no Google service account in the serviceAccounts map: the workload loses its cloud identity",
          "create a Google service account, map it, and bind it: gcloud iam service-accounts add-iam-policy-binding GSA "
              + "--role roles/iam.workloadIdentityUser --member \"serviceAccount:" + gcpProject + ".svc.id.goog[" + sa.namespace() + "/" + sa.name() + "]\"");
      return;
    }
    sa.setAnnotation(GKE_SA, gsa);
    ctx.info("irsa-to-workload-identity", "IAM role " + arn + " -> Workload Identity " + gsa);
    ctx.warn("workload-identity-binding", "Workload Identity needs an IAM binding in project " + gcpProject + " before the pods start",
        "gcloud iam service-accounts add-iam-policy-binding " + gsa + " --role roles/iam.workloadIdentityUser --member \"serviceAccount:"
            + gcpProject + ".svc.id.goog[" + sa.namespace() + "/" + sa.name() + "]\"");
  }

  private static void removeTokenVolume(ActionContext ctx, ObjectNode spec) {
    if (spec.get("volumes") instanceof ArrayNode volumes) {
      for (int i = volumes.size() - 1; i >= 0; i--) {
        JsonNode v = volumes.get(i);
        if ("aws-iam-token".equals(v.path("name").asText())) {
          volumes.remove(i);
          ctx.info("irsa-token-volume-removed", "removed the projected aws-iam-token volume injected by the EKS pod identity webhook");
        }
      }
      if (volumes.isEmpty()) {
        spec.remove("volumes");
      }
    }
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "irsaToWorkloadIdentity",
      "Turn IRSA (eks.amazonaws.com/role-arn) into GKE Workload Identity (iam.gke.io/gcp-service-account) from a map of "
          + "role ARN to Google service account, and remove the token volume and AWS_* variables the EKS webhook injected.",
      List.of(ParameterDoc.required("gcpProject", "string", "project of the target cluster (for the binding hint)"),
          ParameterDoc.optional("serviceAccounts", "map", "IAM role ARN -> Google service account email")),
      "- convert: irsaToWorkloadIdentity\n  with:\n    gcpProject: my-project\n    serviceAccounts:\n      arn:aws:iam::123456789012:role/web: web@my-project.iam.gserviceaccount.com",
      config -> new IrsaToWorkloadIdentity(config.string("gcpProject", ""), config.map("serviceAccounts")));
}
