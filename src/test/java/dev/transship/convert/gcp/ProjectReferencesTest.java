package dev.transship.convert.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectReferencesTest {
  private final ProjectReferences refs = new ProjectReferences("store-old", "store-new", Map.of(), null, null);

  @Test
  void movesArtifactRegistryAndContainerRegistryImages() {
    assertEquals("us-central1-docker.pkg.dev/store-new/apps/web:1.4@sha256:" + "a".repeat(64),
        refs.image("us-central1-docker.pkg.dev/store-old/apps/web:1.4@sha256:" + "a".repeat(64)));
    assertEquals("gcr.io/store-new/web", refs.image("gcr.io/store-old/web"));
    assertEquals("eu.gcr.io/store-new/tools/job:2", refs.image("eu.gcr.io/store-old/tools/job:2"));
  }

  @Test
  void leavesImagesOfOtherProjectsAndRegistriesAlone() {
    assertNull(refs.image("gcr.io/store-old-mirror/web"));
    assertNull(refs.image("us-central1-docker.pkg.dev/shared-images/apps/web"));
    assertNull(refs.image("docker.io/store-old/web"));
    assertNull(refs.image("mirror.gcr.io/store-old/web"));
  }

  @Test
  void mapsRegistryLocationsWhenTheMoveChangesRegion() {
    ProjectReferences moving = new ProjectReferences("store-old", "store-new", Map.of("us-central1", "us-east4", "us", "eu"), null, null);
    assertEquals("us-east4-docker.pkg.dev/store-new/apps/web", moving.image("us-central1-docker.pkg.dev/store-old/apps/web"));
    assertEquals("eu.gcr.io/store-new/web", moving.image("us.gcr.io/store-old/web"));
  }

  @Test
  void domainScopedProjectsUseTheirPathAndEmailForms() {
    ProjectReferences scoped = new ProjectReferences("example.com:shop-a", "example.com:shop-b", Map.of(), null, null);
    assertEquals("gcr.io/example.com/shop-b/web", scoped.image("gcr.io/example.com/shop-a/web"));
    assertEquals("app@shop-b.example.com.iam.gserviceaccount.com",
        scoped.serviceAccount("app@shop-a.example.com.iam.gserviceaccount.com"));
    assertEquals("projects/example.com:shop-b/topics/t", scoped.text("projects/example.com:shop-a/topics/t").text());
  }

  @Test
  void movesServiceAccountsOfTheOldProjectOnly() {
    assertEquals("app@store-new.iam.gserviceaccount.com", refs.serviceAccount("app@store-old.iam.gserviceaccount.com"));
    assertNull(refs.serviceAccount("app@shared-iam.iam.gserviceaccount.com"));
    assertNull(refs.serviceAccount("123-compute@developer.gserviceaccount.com"));
  }

  @Test
  void rewritesResourceNamesAndWholeTokensButNotLongerNames() {
    ProjectReferences.Rewrite rewrite = refs.text(
        "topic: projects/store-old/topics/orders\nbucket: gs://store-old-assets\nhost: store-old.appspot.com\nid: store-old");
    assertEquals("topic: projects/store-new/topics/orders\nbucket: gs://store-old-assets\nhost: store-new.appspot.com\nid: store-new",
        rewrite.text());
    assertEquals(3, rewrite.count());
    assertFalse(refs.text("store-old_backup and mystore-old").changed());
  }

  @Test
  void rewritesCloudSqlNamesKubeContextsClustersAndLocations() {
    ProjectReferences moving = new ProjectReferences("store-old", "store-new", Map.of("us-central1", "us-east4"), "prod", "prod-2");
    assertEquals("store-new:us-east4:orders-db", moving.text("store-old:us-central1:orders-db").text());
    assertEquals("gke_store-new_us-east4_prod-2", moving.text("gke_store-old_us-central1_prod").text());
    assertEquals("projects/store-new/locations/us-east4/clusters/prod-2",
        moving.text("projects/store-old/locations/us-central1/clusters/prod").text());
    assertEquals("env: prod", moving.text("env: prod").text(), "a bare cluster name is too common to rewrite");
  }

  @Test
  void movesPdVolumeHandles() {
    assertEquals("projects/store-new/zones/us-central1-a/disks/pvc-1",
        refs.diskHandle("projects/store-old/zones/us-central1-a/disks/pvc-1"));
    assertEquals("projects/store-new/regions/us-central1/disks/pvc-2",
        refs.diskHandle("projects/store-old/regions/us-central1/disks/pvc-2"));
    assertNull(refs.diskHandle("projects/other/zones/us-central1-a/disks/pvc-1"));
  }

  @Test
  void mentionsFindsTheIdInSecretsWithoutRewriting() {
    assertTrue(refs.mentions("{\"project_id\": \"store-old\"}"));
    assertTrue(refs.mentions("current-context: gke_store-old_us-central1_prod"));
    assertFalse(refs.mentions("store-old-assets"));
  }

  @Test
  void refusesInvalidOrIdenticalProjects() {
    assertThrows(IllegalArgumentException.class, () -> new ProjectReferences("Store_Old", "store-new", Map.of(), null, null));
    assertThrows(IllegalArgumentException.class, () -> new ProjectReferences("store-old", "store-old", Map.of(), null, null));
    assertThrows(IllegalArgumentException.class, () -> new ProjectReferences("store-old", "store-new", Map.of(), "prod", null));
  }
}
