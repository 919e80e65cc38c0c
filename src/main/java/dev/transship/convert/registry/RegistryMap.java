package dev.transship.convert.registry;

import dev.transship.cloud.EcrHosts;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code registries} parameter: ECR registry (a host, or a host and repository path) -> the
 * image prefix that replaces it. The longest matching source wins, on path-component boundaries.
 */
record RegistryMap(List<Entry> entries) {
  record Entry(String source, String target) {
    String sourceHost() {
      return EcrHosts.hostOfImage(source + "/");
    }

    String targetHost() {
      int slash = target.indexOf('/');
      return slash < 0 ? target : target.substring(0, slash);
    }
  }

  /** Checks and orders the map; throws with a user-facing message for unusable entries. */
  static RegistryMap of(Map<String, String> map) {
    List<Entry> entries = map.entrySet().stream().map(e -> entry(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingInt((Entry e) -> e.source().length()).reversed()).toList();
    return new RegistryMap(entries);
  }

  private static Entry entry(String source, String target) {
    String from = trimSlashes(source);
    String to = trimSlashes(target);
    if (from.contains("://") || to.contains("://")) {
      throw new IllegalArgumentException("registries: write '" + source + "' -> '" + target + "' without a scheme (no https://)");
    }
    if (!EcrHosts.isPrivate(EcrHosts.hostOfImage(from + "/"))) {
      throw new IllegalArgumentException("registries: '" + source + "' is not an ECR registry (ACCOUNT.dkr.ecr.REGION.amazonaws.com); "
          + "rewrite other registries with the rewriteImages action");
    }
    if (to.isEmpty() || EcrHosts.hostOfImage(to + "/").isEmpty()) {
      throw new IllegalArgumentException("registries: '" + source + "' must map to an image prefix starting with a registry host, "
          + "e.g. europe-west1-docker.pkg.dev/PROJECT/REPOSITORY");
    }
    return new Entry(from, to);
  }

  private static String trimSlashes(String text) {
    return text.trim().replaceAll("/+$", "");
  }

  /** The image with its ECR registry replaced, if a source matches. */
  Optional<String> rewrite(String image) {
    return entries.stream().filter(e -> image.startsWith(e.source() + "/")).findFirst()
        .map(e -> e.target() + image.substring(e.source().length()));
  }

  /** Every source of the map (host, or host and path), as the map's keys without trailing slashes. */
  List<String> sources() {
    return entries.stream().map(Entry::source).toList();
  }

  /** The sources an image is under; {@link #rewrite} uses the longest. */
  List<String> sourcesOf(String image) {
    return entries.stream().filter(e -> image.startsWith(e.source() + "/")).map(Entry::source).toList();
  }

  /** The registry hosts that images of an ECR host move to; empty when none is mapped. */
  List<String> targetHosts(String ecrHost) {
    return entries.stream().filter(e -> e.sourceHost().equals(ecrHost)).map(Entry::targetHost).distinct().sorted().toList();
  }
}
