package dev.transship.convert.gcp;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Google Cloud project ID (and optionally the cluster name and locations) appear inside
 * strings, and their values in the new project: registry paths, service account emails, resource
 * names ({@code projects/<p>/...}), Cloud SQL connection names, kubeconfig contexts, and the bare
 * ID as a whole token (cloud-mapping.md §5.2, §6.3).
 */
final class ProjectReferences {
  /** Project IDs (6-30 characters), optionally domain-scoped ({@code example.com:proj}). */
  private static final Pattern PROJECT_ID = Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
  /** Characters that continue a project ID or identifier: a match must not touch them. */
  private static final String NOT_AFTER = "(?<![A-Za-z0-9_-])";
  private static final String NOT_BEFORE = "(?![A-Za-z0-9_-])";

  private final String from;
  private final String to;
  private final Map<String, String> locations;
  private final String fromCluster;
  private final String toCluster;
  private final Pattern artifactRegistry;
  private final Pattern containerRegistry;
  private final Pattern serviceAccount;
  private final Pattern diskHandle;
  private final Pattern kubeContext;
  private final Pattern locatedResource;
  private final Pattern cloudSql;
  private final Pattern token;
  private final Pattern cluster;

  /** A rewritten string and how many references changed (0: unchanged). */
  record Rewrite(String text, int count) {
    boolean changed() {
      return count > 0;
    }
  }

  ProjectReferences(String from, String to, Map<String, String> locations, String fromCluster, String toCluster) {
    this.from = check("fromProject", from);
    this.to = check("toProject", to);
    if (from.equals(to)) {
      throw new IllegalArgumentException("fromProject and toProject are both " + from);
    }
    if ((fromCluster == null) != (toCluster == null)) {
      throw new IllegalArgumentException("fromCluster and toCluster go together");
    }
    this.locations = locations;
    this.fromCluster = fromCluster;
    this.toCluster = toCluster;
    String path = Pattern.quote(registryPath(from));
    String id = Pattern.quote(from);
    artifactRegistry = Pattern.compile("([a-z0-9-]+)-docker\\.pkg\\.dev/" + path + "/(.+)");
    containerRegistry = Pattern.compile("(?:(us|eu|asia)\\.)?gcr\\.io/" + path + "/(.+)");
    serviceAccount = Pattern.compile("([^@\\s]+)@" + Pattern.quote(emailDomain(from)));
    diskHandle = Pattern.compile("projects/" + id + "/(zones|regions)/([^/]+)/disks/(.+)");
    kubeContext = Pattern.compile(NOT_AFTER + "gke_" + id + "_([a-z0-9-]+)_([a-z0-9-]+)" + NOT_BEFORE);
    locatedResource = Pattern.compile("projects/" + id + "/(locations|regions|zones)/([a-z0-9-]+)" + NOT_BEFORE);
    cloudSql = Pattern.compile(NOT_AFTER + id + ":([a-z]+-[a-z]+[0-9]+):");
    token = Pattern.compile(NOT_AFTER + id + NOT_BEFORE);
    cluster = fromCluster == null ? null : Pattern.compile("/clusters/" + Pattern.quote(fromCluster) + NOT_BEFORE);
  }

  String from() {
    return from;
  }

  String to() {
    return to;
  }

  /** The image in the new project's registry, or null when it is not in the old project's Artifact or Container Registry. */
  String image(String image) {
    Matcher ar = artifactRegistry.matcher(image);
    if (ar.matches()) {
      return location(ar.group(1)) + "-docker.pkg.dev/" + registryPath(to) + "/" + ar.group(2);
    }
    Matcher gcr = containerRegistry.matcher(image);
    if (gcr.matches()) {
      String multiRegion = gcr.group(1) == null ? "" : location(gcr.group(1)) + ".";
      return multiRegion + "gcr.io/" + registryPath(to) + "/" + gcr.group(2);
    }
    return null;
  }

  /** The Google service account of the same name in the new project, or null when it is not in the old project. */
  String serviceAccount(String email) {
    Matcher m = serviceAccount.matcher(email.trim());
    return m.matches() ? m.group(1) + "@" + emailDomain(to) : null;
  }

  /** A PD volume handle in the new project (and mapped zone or region), or null when it is not the old project's. */
  String diskHandle(String handle) {
    Matcher m = diskHandle.matcher(handle);
    return m.matches() ? "projects/" + to + "/" + m.group(1) + "/" + location(m.group(2)) + "/disks/" + m.group(3) : null;
  }

  /** Whether the text mentions the old project (as a whole token or in a kubeconfig context name). */
  boolean mentions(String text) {
    return token.matcher(text).find() || kubeContext.matcher(text).find();
  }

  /** Every reference in free text rewritten. */
  Rewrite text(String text) {
    AtomicInteger count = new AtomicInteger();
    String out = kubeContext.matcher(text).replaceAll(m -> {
      count.incrementAndGet();
      return Matcher.quoteReplacement("gke_" + to + "_" + location(m.group(1)) + "_" + clusterName(m.group(2)));
    });
    out = locatedResource.matcher(out).replaceAll(m -> {
      count.incrementAndGet();
      return Matcher.quoteReplacement("projects/" + to + "/" + m.group(1) + "/" + location(m.group(2)));
    });
    out = cloudSql.matcher(out).replaceAll(m -> {
      count.incrementAndGet();
      return Matcher.quoteReplacement(to + ":" + location(m.group(1)) + ":");
    });
    out = token.matcher(out).replaceAll(m -> {
      count.incrementAndGet();
      return Matcher.quoteReplacement(to);
    });
    if (cluster != null) {
      out = cluster.matcher(out).replaceAll(m -> {
        count.incrementAndGet();
        return Matcher.quoteReplacement("/clusters/" + toCluster);
      });
    }
    return new Rewrite(out, count.get());
  }

  /** A zone, region or registry location after the move ({@code locations} map), unchanged when not mapped. */
  String location(String location) {
    return locations.getOrDefault(location, location);
  }

  private String clusterName(String name) {
    return name.equals(fromCluster) ? toCluster : name;
  }

  /** Domain-scoped projects appear as {@code example.com/proj} in registry paths. */
  private static String registryPath(String project) {
    return project.replace(':', '/');
  }

  /** Service accounts of {@code example.com:proj} live in {@code proj.example.com.iam.gserviceaccount.com}. */
  private static String emailDomain(String project) {
    int colon = project.indexOf(':');
    String host = colon < 0 ? project : project.substring(colon + 1) + "." + project.substring(0, colon);
    return host + ".iam.gserviceaccount.com";
  }

  private static String check(String parameter, String project) {
    if (project == null || !PROJECT_ID.matcher(project).matches()) {
      throw new IllegalArgumentException(parameter + " '" + project
          + "' is not a Google Cloud project ID (6-30 lower-case letters, digits and hyphens, starting with a letter)");
    }
    return project;
  }
}
