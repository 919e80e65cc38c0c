package dev.transship.convert.apiversions;

import java.util.HashMap;
import java.util.Map;

/**
 * For each removed API version with a replacement, how an object moves there: a {@link
 * SchemaChange}, or why transship will not move it. Keyed like the removed-API table ({@code
 * apiVersion/kind}); {@code ApiConversionsTest} holds every table entry to an answer here.
 */
final class ApiConversions {
  /** How one removed version converts; {@code refusal} is null when {@code change} applies. */
  record Conversion(SchemaChange change, String refusal) {}

  private static final Map<String, Conversion> BY_API_VERSION_KIND = new HashMap<>();

  private static final String REVIEW = "a create-only review request, never stored in a cluster, so it cannot be restored at any "
      + "version; leave it out of the restore";

  static {
    SchemaChange workload = new WorkloadToAppsV1();
    for (String kind : new String[] {"Deployment", "DaemonSet", "ReplicaSet", "StatefulSet"}) {
      for (String apiVersion : new String[] {"extensions/v1beta1", "apps/v1beta1", "apps/v1beta2"}) {
        convert(apiVersion, kind, workload);
      }
    }
    same("apps/v1beta1", "ControllerRevision");
    same("apps/v1beta2", "ControllerRevision");
    same("extensions/v1beta1", "NetworkPolicy");
    same("scheduling.k8s.io/v1alpha1", "PriorityClass");
    same("scheduling.k8s.io/v1beta1", "PriorityClass");
    convert("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", new WebhooksToV1());
    convert("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", new WebhooksToV1());
    refuse("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", "apiextensions.k8s.io/v1 needs a structural schema for "
        + "each version in spec.versions, which v1beta1 definitions often lack; install the CRD at v1 from its chart or operator "
        + "before the restore and leave this copy out");
    same("apiregistration.k8s.io/v1beta1", "APIService");
    for (String kind : new String[] {"LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "SubjectAccessReview"}) {
      refuse("authorization.k8s.io/v1beta1", kind, REVIEW);
    }
    refuse("authentication.k8s.io/v1beta1", "TokenReview", REVIEW);
    refuse("authentication.k8s.io/v1beta1", "SelfSubjectReview", REVIEW);
    refuse("certificates.k8s.io/v1beta1", "CertificateSigningRequest", "certificates.k8s.io/v1 requires spec.signerName, which "
        + "a v1beta1 request did not have to name; issue the certificate request again on the target");
    same("coordination.k8s.io/v1beta1", "Lease");
    convert("extensions/v1beta1", "Ingress", new IngressToV1());
    convert("networking.k8s.io/v1beta1", "Ingress", new IngressToV1());
    same("networking.k8s.io/v1beta1", "IngressClass");
    for (String kind : new String[] {"ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"}) {
      same("rbac.authorization.k8s.io/v1alpha1", kind);
      same("rbac.authorization.k8s.io/v1beta1", kind);
    }
    for (String kind : new String[] {"CSIDriver", "CSINode", "StorageClass", "VolumeAttachment", "CSIStorageCapacity", "VolumeAttributesClass"}) {
      same("storage.k8s.io/v1beta1", kind);
    }
    convert("autoscaling/v2beta1", "HorizontalPodAutoscaler", new HpaV2beta1ToV2());
    same("autoscaling/v2beta2", "HorizontalPodAutoscaler");
    same("batch/v1beta1", "CronJob");
    refuse("discovery.k8s.io/v1beta1", "EndpointSlice", "v1 moved topology to per-endpoint nodeName and zone; the target's "
        + "EndpointSlice controller makes the slices of every Service anew, so leave this copy out");
    refuse("events.k8s.io/v1beta1", "Event", "Velero never restores events; leave it out");
    same("node.k8s.io/v1beta1", "RuntimeClass");
    convert("policy/v1beta1", "PodDisruptionBudget", new PdbToV1());
    for (String version : new String[] {"v1beta1", "v1beta2", "v1beta3"}) {
      same("flowcontrol.apiserver.k8s.io/" + version, "FlowSchema");
    }
    convert("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", new PriorityLevelToV1());
    convert("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", new PriorityLevelToV1());
    same("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration");
    same("admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicy");
    same("admissionregistration.k8s.io/v1beta1", "ValidatingAdmissionPolicyBinding");
    same("networking.k8s.io/v1beta1", "IPAddress");
    same("networking.k8s.io/v1beta1", "ServiceCIDR");
  }

  private ApiConversions() {}

  private static void same(String apiVersion, String kind) {
    convert(apiVersion, kind, SchemaChange.NONE);
  }

  private static void convert(String apiVersion, String kind, SchemaChange change) {
    BY_API_VERSION_KIND.put(apiVersion + "/" + kind, new Conversion(change, null));
  }

  private static void refuse(String apiVersion, String kind, String why) {
    BY_API_VERSION_KIND.put(apiVersion + "/" + kind, new Conversion(null, why));
  }

  /** The conversion of a removed {@code apiVersion/kind}, or null when none is known. */
  static Conversion of(String apiVersion, String kind) {
    return BY_API_VERSION_KIND.get(apiVersion + "/" + kind);
  }
}
