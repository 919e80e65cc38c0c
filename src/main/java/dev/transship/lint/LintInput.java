package dev.transship.lint;

import dev.transship.TransshipException;
import dev.transship.archive.ArchiveItem;
import dev.transship.archive.ArchiveLimits;
import dev.transship.archive.ArchiveReader;
import dev.transship.archive.Progress;
import dev.transship.archive.ItemKey;
import dev.transship.archive.ItemPath;
import dev.transship.archive.ManifestPacker;
import dev.transship.kube.Json;
import dev.transship.kube.KubeObject;
import dev.transship.kube.ResourceCatalog;
import dev.transship.archive.BackupSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** What lint reads: the legacy items of a backup, streamed, or a folder of manifests. */
public interface LintInput {
  /** Where the objects come from, for reports. */
  String address();

  /** Where an item came from, for error messages: the backup and entry, or the manifest file and document. */
  default String where(ArchiveItem item) {
    return address() + ": " + item.path().entryName();
  }

  /** The backup's {@code spec.defaultVolumesToFsBackup}; false for manifests. */
  default boolean defaultVolumesToFsBackup() {
    return false;
  }

  /** Feeds every object to {@code visitor} in order; may be called more than once. */
  void forEach(ItemVisitor visitor) throws TransshipException;

  /** Receives one object. */
  interface ItemVisitor {
    void visit(ArchiveItem item) throws TransshipException;
  }

  static LintInput of(BackupSource source, Consumer<String> warnings) {
    return of(source, warnings, Progress.NONE);
  }

  /** @param progress hears how far each pass over the backup has got */
  static LintInput of(BackupSource source, Consumer<String> warnings, Progress progress) {
    return new LintInput() {
      @Override
      public String address() {
        return source.address();
      }

      @Override
      public boolean defaultVolumesToFsBackup() {
        return source.backupResource().map(b -> b.path("spec").path("defaultVolumesToFsBackup").asBoolean(false)).orElse(false);
      }

      @Override
      public void forEach(ItemVisitor visitor) throws TransshipException {
        ArchiveReader.readAllParallel(source, ArchiveLimits.DEFAULT, warnings, Runtime.getRuntime().availableProcessors(), progress,
            item -> {
          if (item.path().isLegacy()) {
            visitor.visit(item);
          }
        });
      }
    };
  }

  /** Plain manifests (a repository's YAML), filed under the keys Velero would give them. */
  static LintInput manifests(Path folder) throws TransshipException {
    return manifests(List.of(folder));
  }

  /** Manifests from several folders or files, read in the order given, as one input. */
  static LintInput manifests(List<Path> folders) throws TransshipException {
    List<ManifestPacker.ManifestObject> objects = new ArrayList<>();
    for (Path folder : folders) {
      objects.addAll(ManifestPacker.read(folder));
    }
    String folderNames = folders.stream().map(Path::toString).collect(Collectors.joining(", "));
    ResourceCatalog catalog = new ResourceCatalog();
    objects.stream().map(ManifestPacker.ManifestObject::object)
        .filter(o -> "CustomResourceDefinition".equals(o.kind()))
        .forEach(catalog::learn);
    Map<ItemKey, String> origins = new HashMap<>();
    return new LintInput() {
      @Override
      public String address() {
        return folderNames;
      }

      @Override
      public String where(ArchiveItem item) {
        return origins.getOrDefault(item.path().key(), folderNames);
      }

      @Override
      public void forEach(ItemVisitor visitor) throws TransshipException {
        for (ManifestPacker.ManifestObject m : objects) {
          KubeObject object = m.object();
          ItemKey key = new ItemKey(catalog.resourceOf(object).groupResource(), object.namespace(), object.name());
          origins.put(key, m.file() + " (document " + m.document() + ")");
          visitor.visit(new ArchiveItem(ItemPath.legacy(key), Json.bytes(object.node()), object.node()));
        }
      }
    };
  }
}
