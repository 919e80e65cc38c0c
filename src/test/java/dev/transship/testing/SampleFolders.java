package dev.transship.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transship.archive.ManifestPacker;
import dev.transship.kube.Json;
import dev.transship.store.LocalFolderStore;
import dev.transship.store.LocationDestination;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small backup folders built in tests from inline manifests. */
public final class SampleFolders {
  private SampleFolders() {}

  public static final String MANIFESTS = """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop, uid: 6a1c0b8e-0000-4000-8000-000000000001}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: shop, uid: 6a1c0b8e-0000-4000-8000-000000000002, resourceVersion: "1234"}
      spec:
        replicas: 3
        template:
          spec:
            containers:
            - {name: web, image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.4.2}
      status: {replicas: 3, availableReplicas: 3}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: api-db, namespace: shop}
      type: Opaque
      data: {password: c3VwZXItc2VjcmV0LXZhbHVl}
      """;

  public static final String BACKUP = """
      apiVersion: velero.io/v1
      kind: Backup
      metadata:
        name: nightly
        namespace: velero
        uid: 0b6e3c59-0000-4000-8000-00000000b001
        labels: {velero.io/storage-location: default, velero.io/schedule-name: nightly-schedule}
      spec: {includedNamespaces: [shop], storageLocation: default, ttl: 720h0m0s}
      status:
        phase: Completed
        formatVersion: 1.1.0
        version: 1
        startTimestamp: "2026-11-20T02:00:04Z"
        completionTimestamp: "2026-11-20T02:01:37Z"
        expiration: "2020-01-01T00:00:00Z"
      """;

  public static final String PVBS = """
      - apiVersion: velero.io/v1
        kind: PodVolumeBackup
        metadata:
          name: nightly-x7k2p
          namespace: velero
          labels: {velero.io/backup-name: nightly, velero.io/backup-uid: 0b6e3c59-0000-4000-8000-00000000b001}
          ownerReferences:
          - {apiVersion: velero.io/v1, kind: Backup, name: nightly, uid: 0b6e3c59-0000-4000-8000-00000000b001, controller: true}
        spec:
          backupStorageLocation: default
          node: ip-10-0-1-23.ec2.internal
          pod: {kind: Pod, namespace: shop, name: redis-0, uid: 11111111-0000-4000-8000-000000000001}
          repoIdentifier: ""
          tags: {backup: nightly, ns: shop, pod: redis-0, volume: data}
          uploaderType: kopia
          volume: data
        status: {phase: Completed, snapshotID: 4f1d2e3c}
      """;

  /** Packs {@link #MANIFESTS} as backup {@code nightly} into {@code root/backups/nightly}. */
  public static Path packNightly(Path root) throws Exception {
    Path manifests = Files.createDirectories(root.resolve("manifests-src"));
    Files.writeString(manifests.resolve("objects.yaml"), MANIFESTS);
    ObjectNode backup = (ObjectNode) Json.YAML.readTree(BACKUP);
    ArrayNode pvbs = (ArrayNode) Json.YAML.readTree(PVBS);
    Path location = Files.createDirectories(root.resolve("location"));
    ManifestPacker.pack(ManifestPacker.read(manifests), backup, pvbs, new LocationDestination(new LocalFolderStore(location)));
    return location.resolve("backups/nightly");
  }
}
