package dev.transship.convert.storage;

import static dev.transship.testing.Actions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.finding.Finding;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ObjectAction;
import dev.transship.testing.Actions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageClassMapTest {
  private static final String CLASSES = "{classes: {gp2: standard-rwo, gp3: premium-rwo}}";

  private static ObjectAction converter(String with, ObjectNode... backup) throws Exception {
    ObjectAction action = StorageClassMap.SPEC.create(new ConverterConfig(yaml(with)));
    assertTrue(action.needsIndex());
    for (ObjectNode object : backup) {
      action.index(Actions.keyOf(object), new KubeObject(object));
    }
    return action;
  }

  private static ObjectNode claim(String name, String storageClass, String volumeName) {
    return yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: %s
          namespace: shop
          annotations:
            pv.kubernetes.io/bind-completed: "yes"
            pv.kubernetes.io/bound-by-controller: "yes"
            volume.beta.kubernetes.io/storage-provisioner: ebs.csi.aws.com
            volume.kubernetes.io/storage-provisioner: ebs.csi.aws.com
            volume.kubernetes.io/selected-node: ip-10-0-2-45.ec2.internal
            keep: me
          finalizers: [kubernetes.io/pvc-protection]
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 5Gi}}
          storageClassName: %s
          volumeName: %s
        status: {phase: Bound}
        """.formatted(name, storageClass, volumeName));
  }

  private static ObjectNode ebsVolume(String name, String claim, String handle) {
    return yaml("""
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: %s, finalizers: [kubernetes.io/pv-protection, external-attacher/ebs-csi-aws-com]}
        spec:
          capacity: {storage: 5Gi}
          claimRef: {apiVersion: v1, kind: PersistentVolumeClaim, namespace: shop, name: %s}
          csi: {driver: ebs.csi.aws.com, fsType: ext4, volumeHandle: %s}
          persistentVolumeReclaimPolicy: Delete
          storageClassName: gp3
        """.formatted(name, claim, handle));
  }

  private static ObjectNode podWithFsBackup(String claim) {
    return yaml("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: redis-0
          namespace: shop
          annotations: {backup.velero.io/backup-volumes: "data, cache"}
        spec:
          containers: [{name: redis, image: redis}]
          volumes:
          - {name: data, persistentVolumeClaim: {claimName: %s}}
          - {name: cache, emptyDir: {}}
          - {name: other, persistentVolumeClaim: {claimName: not-backed-up}}
        """.formatted(claim));
  }

  private static ObjectNode dataUpload(String claim, String phase) {
    return yaml("""
        apiVersion: velero.io/v2alpha1
        kind: DataUpload
        metadata: {name: nightly-abc12, namespace: velero}
        spec: {sourcePVC: %s, sourceNamespace: shop, snapshotType: CSI}
        status: {phase: %s}
        """.formatted(claim, phase));
  }

  private static Finding only(ActionContext ctx, String check) {
    List<Finding> found = ctx.findings().stream().filter(f -> f.check().equals(check)).toList();
    assertEquals(1, found.size(), check + " in " + ctx.findings());
    return found.get(0);
  }

  @Test
  void pvWithFileSystemBackupIsDroppedAndItsClaimReprovisions() throws Exception {
    ObjectNode pvc = claim("data-redis-0", "gp3", "pvc-b3");
    ObjectNode pv = ebsVolume("pvc-b3", "data-redis-0", "vol-0fedcba9876543210");
    ObjectAction action = converter(CLASSES, podWithFsBackup("data-redis-0"), pvc, pv);

    ActionContext pvCtx = Actions.apply(action, pv);
    assertTrue(pvCtx.dropped());
    assertTrue(pvCtx.dropReason().contains("EBS vol-0fedcba9876543210"), pvCtx.dropReason());
    assertTrue(pvCtx.dropReason().contains("file-system backup of pod shop/redis-0"), pvCtx.dropReason());
    assertTrue(pvCtx.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR));

    ActionContext pvcCtx = Actions.apply(action, pvc);
    KubeObject out = pvcCtx.object();
    assertFalse(out.node().path("spec").has("volumeName"));
    assertEquals("premium-rwo", out.node().at("/spec/storageClassName").asText());
    assertEquals(Map.of("keep", "me"), out.annotations());
    assertEquals(List.of("kubernetes.io/pvc-protection"), out.finalizers());
    assertEquals("Bound", out.node().at("/status/phase").asText(), "status is Velero's business");
    Finding reprovision = only(pvcCtx, "storage-pvc-reprovision");
    assertEquals(Severity.INFO, reprovision.severity());
    assertTrue(reprovision.message().contains("pvc-b3 (EBS vol-0fedcba9876543210)"), reprovision.message());
    assertTrue(reprovision.message().contains("volume.kubernetes.io/selected-node"), reprovision.message());
    assertTrue(reprovision.message().contains("file-system backup"), reprovision.message());
    assertTrue(only(pvcCtx, "storage-class-mapped").message().contains("gp3 -> premium-rwo"));
  }

  @Test
  void pvWhoseDataDoesNotTravelIsAnErrorAndDroppedAnyway() throws Exception {
    ObjectNode pv = ebsVolume("pvc-a2", "data-db-0", "vol-0a1b2c3d4e5f67890");
    ObjectNode pvc = claim("data-db-0", "gp2", "pvc-a2");
    ObjectAction action = converter(CLASSES, podWithFsBackup("data-redis-0"), pv, pvc);

    ActionContext ctx = Actions.apply(action, pv);
    assertTrue(ctx.dropped());
    Finding error = only(ctx, "storage-pv-data-not-moved");
    assertEquals(Severity.ERROR, error.severity());
    assertEquals("data of PV pvc-a2 (EBS vol-0a1b2c3d4e5f67890) does not travel to GKE: no file-system backup or data mover; "
        + "restoring it points at an AWS disk", error.message());
    assertTrue(error.hint().contains("file-system backup"));

    ActionContext claimCtx = Actions.apply(action, pvc);
    assertFalse(claimCtx.object().node().path("spec").has("volumeName"));
    assertTrue(only(claimCtx, "storage-pvc-reprovision").message().contains("starts empty"));
  }

  @Test
  void dataMoverUploadsCountOnlyWhenCompleted() throws Exception {
    ObjectNode pv = ebsVolume("pvc-c1", "data-db-0", "vol-1");
    ActionContext moved = Actions.apply(converter(CLASSES, dataUpload("data-db-0", "Completed"), pv), pv);
    assertTrue(moved.dropped());
    assertTrue(moved.dropReason().contains("data mover (DataUpload velero/nightly-abc12)"), moved.dropReason());
    assertTrue(moved.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR));

    ActionContext failed = Actions.apply(converter(CLASSES, dataUpload("data-db-0", "Failed"), pv), pv);
    Finding error = only(failed, "storage-pv-data-not-moved");
    assertTrue(error.hint().startsWith("DataUpload velero/nightly-abc12 (phase Failed) did not complete"), error.hint());
  }

  @Test
  void defaultVolumesToFsBackupCoversEveryPodVolumeButExcluded() throws Exception {
    ObjectNode pod = yaml("""
        apiVersion: v1
        kind: Pod
        metadata: {name: app-0, namespace: shop, annotations: {backup.velero.io/backup-volumes-excludes: scratch}}
        spec:
          containers: [{name: app, image: app}]
          volumes:
          - {name: data, persistentVolumeClaim: {claimName: data-app-0}}
          - {name: scratch, persistentVolumeClaim: {claimName: scratch-app-0}}
        """);
    ObjectNode data = ebsVolume("pv-data", "data-app-0", "vol-d");
    ObjectNode scratch = ebsVolume("pv-scratch", "scratch-app-0", "vol-s");
    ObjectAction action = converter("{classes: {}, defaultVolumesToFsBackup: true}", pod, data, scratch);

    assertTrue(Actions.apply(action, data).findings().stream().noneMatch(f -> f.severity() == Severity.ERROR));
    assertEquals(Severity.ERROR, only(Actions.apply(action, scratch), "storage-pv-data-not-moved").severity());
  }

  @Test
  void inTreeEbsAndEfsVolumesAreAwsToo() throws Exception {
    ObjectNode inTree = yaml("""
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: legacy}
        spec:
          awsElasticBlockStore: {volumeID: "aws://us-east-1a/vol-0123"}
          persistentVolumeReclaimPolicy: Retain
        """);
    ObjectNode efs = yaml("""
        apiVersion: v1
        kind: PersistentVolume
        metadata: {name: shared}
        spec:
          csi: {driver: efs.csi.aws.com, volumeHandle: "fs-0abc::fsap-0def"}
          claimRef: {namespace: shop, name: shared}
        """);
    ObjectAction action = converter(CLASSES, inTree, efs);

    ActionContext legacy = Actions.apply(action, inTree);
    assertTrue(legacy.dropped());
    assertTrue(only(legacy, "storage-pv-data-not-moved").message().contains("(EBS vol-0123)"));
    assertTrue(legacy.dropReason().contains("no claim"), legacy.dropReason());

    ActionContext shared = Actions.apply(action, efs);
    assertTrue(only(shared, "storage-pv-data-not-moved").message().contains("(EFS fs-0abc::fsap-0def)"));
    assertTrue(only(shared, "storage-pv-data-not-moved").message().endsWith("an AWS file system"));
  }

  @Test
  void statefulSetClaimTemplatesAndEphemeralVolumesAreMapped() throws Exception {
    ObjectNode sts = yaml("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: shop}
        spec:
          template:
            spec:
              containers: [{name: pg, image: postgres}]
              volumes:
              - name: scratch
                ephemeral:
                  volumeClaimTemplate:
                    spec: {storageClassName: gp2, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {storageClassName: gp2, accessModes: [ReadWriteOnce]}
          - metadata: {name: logs}
            spec: {storageClassName: sc1}
          - metadata: {name: default}
            spec: {accessModes: [ReadWriteOnce]}
        """);
    ActionContext ctx = Actions.apply(converter(CLASSES), sts);
    assertEquals("standard-rwo", ctx.object().node().at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText());
    assertEquals("sc1", ctx.object().node().at("/spec/volumeClaimTemplates/1/spec/storageClassName").asText());
    assertFalse(ctx.object().node().at("/spec/volumeClaimTemplates/2/spec").has("storageClassName"));
    assertEquals("standard-rwo", ctx.object().node().at("/spec/template/spec/volumes/0/ephemeral/volumeClaimTemplate/spec/storageClassName").asText());
    assertEquals(2, ctx.findings().stream().filter(f -> f.check().equals("storage-class-mapped")).count());
    Finding unmapped = only(ctx, "storage-class-unmapped");
    assertEquals(Severity.WARNING, unmapped.severity());
    assertTrue(unmapped.message().startsWith("volumeClaimTemplates[logs]: storage class sc1"), unmapped.message());
    assertTrue(unmapped.hint().contains("'sc1: <GKE class>'"));
  }

  @Test
  void awsStorageClassesAreDroppedOthersKept() throws Exception {
    ObjectNode gp2 = yaml("{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: gp2}, provisioner: kubernetes.io/aws-ebs}");
    ObjectNode io2 = yaml("{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: io2}, provisioner: ebs.csi.aws.com}");
    ObjectNode nfs = yaml("{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: nfs}, provisioner: nfs.csi.k8s.io}");

    ActionContext mapped = Actions.apply(converter(CLASSES), gp2);
    assertTrue(mapped.dropped());
    assertTrue(mapped.dropReason().contains("claims of class gp2 use standard-rwo"), mapped.dropReason());
    ActionContext byType = Actions.apply(converter(CLASSES), io2);
    assertTrue(byType.dropReason().contains("(EBS gp3) is AWS-only"), "the CSI driver's default type, whatever the name: " + byType.dropReason());
    assertTrue(byType.dropReason().contains("claims of class io2 use standard-rwo"), byType.dropReason());
    ActionContext noType = Actions.apply(converter("{classes: {}, ebsTypes: {io2: premium-rwo}}"), io2);
    assertTrue(noType.dropReason().contains("no mapping for io2 in classes or for type gp3 in ebsTypes"), noType.dropReason());
    ActionContext kept = Actions.apply(converter(CLASSES), nfs);
    assertFalse(kept.dropped());
    assertEquals(nfs, kept.object().node());
  }

  @Test
  void nonAwsVolumesAndClaimsOnlyGetTheirClassMapped() throws Exception {
    ObjectNode nfsPv = yaml("{apiVersion: v1, kind: PersistentVolume, metadata: {name: share}, spec: {nfs: {server: s, path: /}, storageClassName: gp2}}");
    ObjectNode nfsPvc = yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: share, namespace: shop, annotations: {pv.kubernetes.io/bind-completed: "yes"}}
        spec: {storageClassName: gp2, volumeName: share}
        """);
    ObjectAction action = converter(CLASSES, nfsPv, nfsPvc);

    ActionContext pv = Actions.apply(action, nfsPv);
    assertFalse(pv.dropped());
    assertEquals("standard-rwo", pv.object().node().at("/spec/storageClassName").asText());
    ActionContext pvc = Actions.apply(action, nfsPvc);
    assertEquals("share", pvc.object().node().at("/spec/volumeName").asText());
    assertEquals("yes", pvc.object().annotation("pv.kubernetes.io/bind-completed"));
    assertTrue(pvc.findings().stream().noneMatch(f -> f.check().equals("storage-pvc-reprovision")));
  }

  @Test
  void pendingClaimOfAnAwsClassLosesProvisionerAnnotationsAndLegacyClassIsMapped() throws Exception {
    ObjectNode gp2 = yaml("{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: gp2}, provisioner: kubernetes.io/aws-ebs}");
    ObjectNode pending = yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: legacy
          namespace: shop
          annotations: {volume.beta.kubernetes.io/storage-class: gp2, volume.kubernetes.io/selected-node: ip-1}
        spec: {accessModes: [ReadWriteOnce]}
        """);
    ActionContext ctx = Actions.apply(converter(CLASSES, gp2, pending), pending);
    assertEquals(Map.of("volume.beta.kubernetes.io/storage-class", "standard-rwo"), ctx.object().annotations());
    only(ctx, "storage-pvc-reprovision");
    assertTrue(only(ctx, "storage-class-mapped").message().startsWith("annotation volume.beta.kubernetes.io/storage-class"));
  }

  @Test
  void aClaimTemplatesLegacyClassAnnotationIsMappedLikeAClaims() throws Exception {
    ObjectNode gp2 = yaml("{apiVersion: storage.k8s.io/v1, kind: StorageClass, metadata: {name: gp2}, provisioner: kubernetes.io/aws-ebs}");
    // A chart of the 1.x era: the class in the template's annotation, which the StatefulSet controller copies to each claim.
    ObjectNode sts = yaml("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: zk, namespace: shop}
        spec:
          template: {spec: {containers: [{name: zk, image: zookeeper:3.8}]}}
          volumeClaimTemplates:
          - metadata:
              name: datadir
              annotations: {volume.beta.kubernetes.io/storage-class: gp2}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
        """);
    ActionContext ctx = Actions.apply(converter(CLASSES, gp2, sts), sts);
    assertEquals("standard-rwo", ctx.object().node().at("/spec/volumeClaimTemplates/0/metadata/annotations")
        .path("volume.beta.kubernetes.io/storage-class").asText(), ctx.object().node().toString());
    assertTrue(only(ctx, "storage-class-mapped").message().startsWith("volumeClaimTemplates[datadir] annotation"), ctx.findings().toString());
  }

  @Test
  void otherObjectsAreUntouched() throws Exception {
    ObjectNode pod = podWithFsBackup("data-redis-0");
    ActionContext ctx = Actions.apply(converter(CLASSES, pod), pod);
    assertEquals(pod, ctx.object().node());
    assertEquals(List.of(), ctx.findings());
    ObjectNode upload = dataUpload("x", "Completed");
    assertEquals(upload, Actions.apply(converter(CLASSES, upload), upload).object().node());
  }

  @Test
  void rejectsUnusableParameters() {
    assertThrows(IllegalArgumentException.class, () -> converter("{classes: gp2}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{classes: {gp2: ''}}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{classes: {gp2: {name: x}}}"));
    assertThrows(IllegalArgumentException.class, () -> converter("{}"));
  }

  @Test
  void unmappedClassOnAClaimIsAWarningAndLeftAsIs() throws Exception {
    ObjectNode pvc = claim("fast", "io2", "pv-x");
    ActionContext ctx = Actions.apply(converter(CLASSES), pvc);
    assertEquals("io2", ctx.object().node().at("/spec/storageClassName").asText());
    assertEquals(Severity.WARNING, only(ctx, "storage-class-unmapped").severity());
    assertNull(ctx.object().node().at("/spec/volumeName").textValue(), "still an EBS claim by its provisioner annotation");
  }

  /** An EKS cluster's own classes: the CSI gp3 default, a custom io2 class called fast, EFS for shared files. */
  private static final ObjectNode GP3_CLASS = yaml("""
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: gp3, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}
      provisioner: ebs.csi.aws.com
      parameters: {type: gp3, csi.storage.k8s.io/fstype: ext4}
      volumeBindingMode: WaitForFirstConsumer
      allowVolumeExpansion: true
      """);
  private static final ObjectNode FAST_CLASS = yaml("""
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: fast}
      provisioner: ebs.csi.aws.com
      parameters: {Type: io2, iops: "16000", encrypted: "true", kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-1111-4222-8333-444455556666"}
      volumeBindingMode: WaitForFirstConsumer
      """);
  private static final ObjectNode EFS_CLASS = yaml("""
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: efs-sc}
      provisioner: efs.csi.aws.com
      parameters: {provisioningMode: efs-ap, fileSystemId: fs-0123456789abcdef0, directoryPerms: "700"}
      """);
  private static final ObjectNode POSTGRES = yaml("""
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: {name: postgres, namespace: db}
      spec:
        serviceName: postgres
        selector: {matchLabels: {app: postgres}}
        template:
          metadata: {labels: {app: postgres}}
          spec:
            containers: [{name: postgres, image: postgres:16.4}]
        volumeClaimTemplates:
        - metadata: {name: data}
          spec: {accessModes: [ReadWriteOnce], storageClassName: fast, resources: {requests: {storage: 200Gi}}}
        - metadata: {name: wal}
          spec: {accessModes: [ReadWriteOnce], storageClassName: gp3, resources: {requests: {storage: 20Gi}}}
      """);

  @Test
  void claimTemplatesFollowTheirClassesTypeWhateverItsName() throws Exception {
    ObjectAction action = converter("{classes: {gp2: standard-rwo}}", GP3_CLASS, FAST_CLASS);
    assertTrue(action.readsIndex(Actions.rawItem(POSTGRES)), "a claim template's class may be a custom AWS one");
    ActionContext ctx = Actions.apply(action, POSTGRES);
    assertEquals("premium-rwo", ctx.object().node().at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText());
    assertEquals("standard-rwo", ctx.object().node().at("/spec/volumeClaimTemplates/1/spec/storageClassName").asText());
    List<String> mapped = ctx.findings().stream().filter(f -> f.check().equals("storage-class-mapped")).map(Finding::message).toList();
    assertEquals(List.of("volumeClaimTemplates[data]: storage class fast (EBS io2, iops 16000) -> premium-rwo",
        "volumeClaimTemplates[wal]: storage class gp3 (EBS gp3) -> standard-rwo"), mapped);

    ActionContext explicit = Actions.apply(converter("{classes: {fast: hyperdisk-balanced}}", FAST_CLASS), POSTGRES);
    assertEquals("hyperdisk-balanced", explicit.object().node().at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText(),
        "a classes entry wins over the type");
  }

  @Test
  void ephemeralVolumesOfAWorkloadFollowTheirClassToo() throws Exception {
    ObjectNode deployment = yaml("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: indexer, namespace: search}
        spec:
          template:
            spec:
              containers: [{name: indexer, image: busybox, volumeMounts: [{name: scratch, mountPath: /scratch}]}]
              volumes:
              - name: scratch
                ephemeral:
                  volumeClaimTemplate:
                    spec: {accessModes: [ReadWriteOnce], storageClassName: fast, resources: {requests: {storage: 50Gi}}}
        """);
    ObjectAction action = converter("{classes: {}}", FAST_CLASS);
    assertTrue(action.readsIndex(Actions.rawItem(deployment)));
    assertFalse(action.readsIndex(Actions.rawItem(yaml("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: shop}, spec: {}}"))),
        "a workload without ephemeral volumes need not wait for the index");
    ActionContext ctx = Actions.apply(action, deployment);
    assertEquals("premium-rwo", ctx.object().node().at("/spec/template/spec/volumes/0/ephemeral/volumeClaimTemplate/spec/storageClassName").asText());
    assertTrue(only(ctx, "storage-class-mapped").message().startsWith("spec.template.spec.volumes[scratch]: storage class fast (EBS io2"));
  }

  @Test
  void droppedClassesSayWhatTheTargetClassWillNotHonour() throws Exception {
    ActionContext ctx = Actions.apply(converter("{classes: {}}"), FAST_CLASS);
    assertTrue(ctx.dropped());
    assertTrue(ctx.dropReason().contains("(EBS io2, iops 16000)") && ctx.dropReason().contains("claims of class fast use premium-rwo"), ctx.dropReason());
    Finding lost = only(ctx, "storage-class-parameters-lost");
    assertEquals(Severity.WARNING, lost.severity());
    assertTrue(lost.message().startsWith("parameters iops, kmsKeyId of fast"), lost.message());
    assertTrue(lost.hint().contains("hyperdisk-balanced"), lost.hint());
    assertTrue(Actions.apply(converter("{classes: {}}"), GP3_CLASS).findings().stream().noneMatch(f -> f.check().equals("storage-class-parameters-lost")));
  }

  @Test
  void efsClaimsMoveToFilestoreAndManyWritersOnADiskClassIsAnError() throws Exception {
    ObjectNode uploads = yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: shared-uploads, namespace: cms}
        spec: {accessModes: [ReadWriteMany], storageClassName: efs-sc, resources: {requests: {storage: 5Gi}}}
        """);
    ObjectNode legacy = yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: media, namespace: cms, annotations: {volume.beta.kubernetes.io/storage-class: efs-sc}}
        spec: {accessModes: [ReadWriteMany], resources: {requests: {storage: 5Gi}}}
        """);
    ObjectNode sharedOnGp3 = yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: reports, namespace: cms}
        spec: {accessModes: [ReadWriteMany], storageClassName: gp3, resources: {requests: {storage: 5Gi}}}
        """);
    ObjectAction action = converter("{classes: {}, efsClass: enterprise-rwx}", GP3_CLASS, EFS_CLASS);

    ActionContext efs = Actions.apply(action, uploads);
    assertEquals("enterprise-rwx", efs.object().node().at("/spec/storageClassName").asText());
    assertTrue(only(efs, "storage-class-mapped").message().contains("Filestore instances have a minimum size"));
    assertTrue(efs.findings().stream().noneMatch(f -> f.severity() == Severity.ERROR), efs.findings().toString());
    assertEquals("enterprise-rwx", Actions.apply(action, legacy).object().annotation("volume.beta.kubernetes.io/storage-class"));

    ActionContext disk = Actions.apply(action, sharedOnGp3);
    Finding error = only(disk, "storage-rwx-on-disk");
    assertEquals(Severity.ERROR, error.severity());
    assertTrue(error.message().contains("ReadWriteMany on standard-rwo"), error.message());
  }

  /** Kubernetes gives a claim the class of its beta annotation over spec.storageClassName; so does the many-writers check. */
  @Test
  void theLegacyClassAnnotationDecidesWhetherManyWritersFitTheClaimsClass() throws Exception {
    String claim = """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: %s, namespace: cms, annotations: {volume.beta.kubernetes.io/storage-class: %s}}
        spec: {accessModes: [ReadWriteMany], storageClassName: %s, resources: {requests: {storage: 5Gi}}}
        """;
    ObjectAction action = converter("{classes: {}, efsClass: enterprise-rwx}", GP3_CLASS, EFS_CLASS);

    ActionContext onFiles = Actions.apply(action, yaml(claim.formatted("media", "efs-sc", "gp3")));
    assertEquals("enterprise-rwx", onFiles.object().annotation("volume.beta.kubernetes.io/storage-class"));
    assertTrue(onFiles.findings().stream().noneMatch(f -> f.check().equals("storage-rwx-on-disk")),
        "the annotation's Filestore class is the one the claim gets: " + onFiles.findings());

    ActionContext onDisk = Actions.apply(action, yaml(claim.formatted("reports", "gp3", "efs-sc")));
    Finding error = only(onDisk, "storage-rwx-on-disk");
    String diskClass = onDisk.object().annotation("volume.beta.kubernetes.io/storage-class");
    assertTrue(error.message().contains("ReadWriteMany on " + diskClass), error.message());

    ObjectNode template = yaml("""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: cms, namespace: cms}
        spec:
          template: {spec: {containers: [{name: c, image: busybox}]}}
          volumeClaimTemplates:
          - metadata: {name: media, annotations: {volume.beta.kubernetes.io/storage-class: gp3}}
            spec: {accessModes: [ReadWriteMany], storageClassName: efs-sc, resources: {requests: {storage: 5Gi}}}
        """);
    assertTrue(only(Actions.apply(action, template), "storage-rwx-on-disk").message().startsWith("volumeClaimTemplates[media]: "),
        "a claim template is judged as a claim");
  }

  @Test
  void aClaimOfAClassKnownToNeitherTheBackupNorTheMapKeepsItWithAWarning() throws Exception {
    ObjectNode claim = yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: cache, namespace: shop}
        spec: {accessModes: [ReadWriteOnce], storageClassName: openebs-hostpath, resources: {requests: {storage: 1Gi}}}
        """);
    ActionContext ctx = Actions.apply(converter(CLASSES, GP3_CLASS), claim);
    assertEquals("openebs-hostpath", ctx.object().node().at("/spec/storageClassName").asText());
    assertEquals(Severity.WARNING, only(ctx, "storage-class-unmapped").severity());
  }

  @Test
  void ebsSnapshotClassesMoveToTheGkeDiskDriverAndAttributesClassesAreDropped() throws Exception {
    ObjectNode snapshots = yaml("""
        apiVersion: snapshot.storage.k8s.io/v1
        kind: VolumeSnapshotClass
        metadata: {name: ebs-snapclass, labels: {velero.io/csi-volumesnapshot-class: "true"}}
        driver: ebs.csi.aws.com
        deletionPolicy: Retain
        parameters: {tagSpecification_1: "team=data"}
        """);
    ObjectNode attributes = yaml("""
        apiVersion: storage.k8s.io/v1beta1
        kind: VolumeAttributesClass
        metadata: {name: io-boost}
        driverName: ebs.csi.aws.com
        parameters: {type: gp3, iops: "6000", throughput: "250"}
        """);
    ObjectNode claim = yaml("""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: db}
        spec: {accessModes: [ReadWriteOnce], storageClassName: gp3, volumeAttributesClassName: io-boost, resources: {requests: {storage: 50Gi}}}
        """);
    ObjectAction action = converter("{classes: {}}", GP3_CLASS, attributes);

    ActionContext snap = Actions.apply(action, snapshots);
    assertFalse(snap.dropped());
    assertEquals("pd.csi.storage.gke.io", snap.object().node().path("driver").asText());
    assertFalse(snap.object().node().has("parameters"));
    assertEquals("Retain", snap.object().node().path("deletionPolicy").asText());
    assertTrue(only(snap, "storage-snapshot-class-mapped").message().contains("velero.io/csi-volumesnapshot-class"));

    ActionContext vac = Actions.apply(action, attributes);
    assertTrue(vac.dropped());
    assertEquals(Severity.WARNING, only(vac, "storage-attributes-lost").severity());

    ActionContext pvc = Actions.apply(action, claim);
    assertFalse(pvc.object().node().path("spec").has("volumeAttributesClassName"));
    assertTrue(only(pvc, "storage-attributes-class-removed").message().contains("io-boost"));
  }

  @Test
  void ebsTypeKeysMatchingNoStorageClassAreUnmatched() throws Exception {
    ObjectAction action = converter("{classes: {}, ebsTypes: {io2: premium-rwo, io1: premium-rwo, gp3: standard-rwo}}");
    for (ObjectNode sc : List.of(GP3_CLASS, FAST_CLASS, EFS_CLASS)) {
      action.observe(Actions.keyOf(sc), new KubeObject(sc));
    }
    var types = action.unmatched().stream().filter(u -> u.parameter().equals("ebsTypes")).findFirst().orElseThrow();
    assertEquals(List.of("io1"), types.values());
    assertEquals(List.of("gp3", "io2"), List.copyOf(types.seen()));
  }
}
