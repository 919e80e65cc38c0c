package dev.transship.kube;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps an object's group and kind to the plural resource name Velero uses as its directory
 * ({@code deployments.apps}) and to its scope. Velero takes both from API discovery; offline we
 * know the built-in and common add-on kinds and learn the rest from CRDs seen in the backup.
 */
public final class ResourceCatalog {
  /** A resource type: plural name, API group and whether objects are namespaced. */
  public record Resource(String plural, String group, boolean namespaced) {
    /** Velero's group-resource directory name: {@code plural} or {@code plural.group}. */
    public String groupResource() {
      return group.isEmpty() ? plural : plural + "." + group;
    }
  }

  private final Map<String, Resource> byGroupKind = new HashMap<>();

  public ResourceCatalog() {
    core("Namespace", "namespaces", false);
    core("Node", "nodes", false);
    core("PersistentVolume", "persistentvolumes", false);
    core("Pod", "pods", true);
    core("Service", "services", true);
    core("Endpoints", "endpoints", true);
    core("ConfigMap", "configmaps", true);
    core("Secret", "secrets", true);
    core("ServiceAccount", "serviceaccounts", true);
    core("PersistentVolumeClaim", "persistentvolumeclaims", true);
    core("ReplicationController", "replicationcontrollers", true);
    core("LimitRange", "limitranges", true);
    core("ResourceQuota", "resourcequotas", true);
    core("Event", "events", true);
    add("apps", "Deployment", "deployments", true);
    add("apps", "StatefulSet", "statefulsets", true);
    add("apps", "DaemonSet", "daemonsets", true);
    add("apps", "ReplicaSet", "replicasets", true);
    add("apps", "ControllerRevision", "controllerrevisions", true);
    add("batch", "Job", "jobs", true);
    add("batch", "CronJob", "cronjobs", true);
    add("networking.k8s.io", "Ingress", "ingresses", true);
    add("networking.k8s.io", "IngressClass", "ingressclasses", false);
    add("networking.k8s.io", "NetworkPolicy", "networkpolicies", true);
    add("extensions", "Ingress", "ingresses", true);
    add("policy", "PodDisruptionBudget", "poddisruptionbudgets", true);
    add("policy", "PodSecurityPolicy", "podsecuritypolicies", false);
    add("autoscaling", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true);
    add("rbac.authorization.k8s.io", "Role", "roles", true);
    add("rbac.authorization.k8s.io", "RoleBinding", "rolebindings", true);
    add("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", false);
    add("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", false);
    add("storage.k8s.io", "StorageClass", "storageclasses", false);
    add("storage.k8s.io", "CSIDriver", "csidrivers", false);
    add("storage.k8s.io", "VolumeAttachment", "volumeattachments", false);
    add("storage.k8s.io", "VolumeAttributesClass", "volumeattributesclasses", false);
    add("scheduling.k8s.io", "PriorityClass", "priorityclasses", false);
    add("apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", false);
    add("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false);
    add("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", false);
    add("apiregistration.k8s.io", "APIService", "apiservices", false);
    add("flowcontrol.apiserver.k8s.io", "FlowSchema", "flowschemas", false);
    add("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration", "prioritylevelconfigurations", false);
    add("discovery.k8s.io", "EndpointSlice", "endpointslices", true);
    add("coordination.k8s.io", "Lease", "leases", true);
    add("snapshot.storage.k8s.io", "VolumeSnapshot", "volumesnapshots", true);
    add("snapshot.storage.k8s.io", "VolumeSnapshotContent", "volumesnapshotcontents", false);
    add("snapshot.storage.k8s.io", "VolumeSnapshotClass", "volumesnapshotclasses", false);
    add("gateway.networking.k8s.io", "Gateway", "gateways", true);
    add("gateway.networking.k8s.io", "HTTPRoute", "httproutes", true);
    add("cloud.google.com", "BackendConfig", "backendconfigs", true);
    add("networking.gke.io", "FrontendConfig", "frontendconfigs", true);
    add("networking.gke.io", "ManagedCertificate", "managedcertificates", true);
    add("elbv2.k8s.aws", "TargetGroupBinding", "targetgroupbindings", true);
    add("elbv2.k8s.aws", "IngressClassParams", "ingressclassparams", false);
    add("appmesh.k8s.aws", "Mesh", "meshes", false);
    add("appmesh.k8s.aws", "VirtualNode", "virtualnodes", true);
    add("appmesh.k8s.aws", "VirtualService", "virtualservices", true);
    add("appmesh.k8s.aws", "VirtualRouter", "virtualrouters", true);
    add("appmesh.k8s.aws", "VirtualGateway", "virtualgateways", true);
    add("appmesh.k8s.aws", "GatewayRoute", "gatewayroutes", true);
    add("crd.k8s.amazonaws.com", "ENIConfig", "eniconfigs", false);
    add("vpcresources.k8s.aws", "SecurityGroupPolicy", "securitygrouppolicies", true);
    add("karpenter.sh", "NodePool", "nodepools", false);
    add("karpenter.sh", "NodeClaim", "nodeclaims", false);
    add("karpenter.k8s.aws", "EC2NodeClass", "ec2nodeclasses", false);
    add("velero.io", "Backup", "backups", true);
    add("velero.io", "Restore", "restores", true);
    add("velero.io", "PodVolumeBackup", "podvolumebackups", true);
    add("velero.io", "DataUpload", "datauploads", true);
  }

  private void core(String kind, String plural, boolean namespaced) {
    add("", kind, plural, namespaced);
  }

  private void add(String group, String kind, String plural, boolean namespaced) {
    byGroupKind.put(group + "/" + kind, new Resource(plural, group, namespaced));
  }

  /** Learns a resource from a CustomResourceDefinition object. */
  public void learn(KubeObject crd) {
    var spec = crd.node().path("spec");
    String group = spec.path("group").asText();
    String kind = spec.path("names").path("kind").asText();
    String plural = spec.path("names").path("plural").asText();
    if (!kind.isEmpty() && !plural.isEmpty()) {
      add(group, kind, plural, !"Cluster".equals(spec.path("scope").asText()));
    }
  }

  /** The resource of an object; unknown kinds get the API server's default plural, lower case. */
  public Resource resourceOf(KubeObject object) {
    Resource known = byGroupKind.get(object.group() + "/" + object.kind());
    if (known != null) {
      return known;
    }
    return new Resource(pluralOf(object.kind()), object.group(), object.namespace() != null);
  }

  /** The plural the API server derives from a kind when nothing else names it: Ingress, ingresses. */
  public static String pluralOf(String kind) {
    String lower = kind.toLowerCase(Locale.ROOT);
    if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) {
      return lower + "es";
    }
    if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
      return lower.substring(0, lower.length() - 1) + "ies";
    }
    return lower + "s";
  }
}
