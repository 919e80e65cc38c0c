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
import dev.transship.finding.ObjectRef;
import dev.transship.finding.SourceLocation;
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

  /**
   * Where a finding about {@code object} (null: the whole input) points: the item's path in the
   * tarball, or the manifest file and line of the object's document.
   */
  default SourceLocation locate(ObjectRef object) {
    return object == null ? SourceLocation.BACKUP : new SourceLocation(object.itemPath(), 1);
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
    // keys and locations up front: findings are rendered after the run, from the object's key
    List<ItemKey> keys = objects.stream().map(m -> new ItemKey(catalog.resourceOf(m.object()).groupResource(),
        m.object().namespace(), m.object().name())).toList();
    Map<ItemKey, ManifestPacker.ManifestObject> origins = new HashMap<>();
    for (int i = 0; i < objects.size(); i++) {
      origins.putIfAbsent(keys.get(i), objects.get(i));
    }
    SourceLocation first = new SourceLocation(objects.isEmpty() ? folderNames : objects.get(0).file().toString(), 1);
    return new LintInput() {
      @Override
      public String address() {
        return folderNames;
      }

      @Override
      public String where(ArchiveItem item) {
        ManifestPacker.ManifestObject m = origins.get(item.path().key());
        return m == null ? folderNames : m.file() + " (document " + m.document() + ")";
      }

      @Override
      public SourceLocation locate(ObjectRef object) {
        ManifestPacker.ManifestObject m = object == null ? null : origins.get(object.key());
        return m == null ? first : new SourceLocation(m.file().toString(), m.line());
      }

      @Override
      public void forEach(ItemVisitor visitor) throws TransshipException {
        for (int i = 0; i < objects.size(); i++) {
          KubeObject object = objects.get(i).object();
          visitor.visit(new ArchiveItem(ItemPath.legacy(keys.get(i)), Json.bytes(object.node()), object.node()));
        }
      }
    };
  }
}
