package dev.transship.convert.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.transship.archive.ItemKey;
import dev.transship.archive.RawItem;
import dev.transship.archive.RawText;
import dev.transship.cloud.EcrHosts;
import dev.transship.cloud.PlatformApis;
import dev.transship.finding.Severity;
import dev.transship.kube.KubeObject;
import dev.transship.rules.ActionContext;
import dev.transship.rules.ConverterConfig;
import dev.transship.rules.ConverterDescriptor;
import dev.transship.rules.ConverterSpec;
import dev.transship.rules.ObjectAction;
import dev.transship.rules.ParameterDoc;
import dev.transship.rules.SeenValues;
import dev.transship.rules.UnmatchedValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ECR images outside pod templates: operators' custom resources name images of their own (a
 * SparkApplication's {@code spec.image}, an Argo Workflow's template containers), which {@link
 * EcrToRegistry} does not know. Where {@code imagePaths} says a resource keeps images, they are
 * rewritten through the same {@code registries} map; any other private ECR image in a custom
 * resource is reported with its path, so none is left to fail its pull on GKE unseen.
 */
public final class CustomResourceImages implements ObjectAction {
  /** An ECR host's spelling in stored bytes: {@code ACCOUNT.dkr.ecr.REGION...} or the FIPS {@code dkr-ecr}. */
  private static final RawText.Needles ECR = RawText.needles(".dkr.ecr", ".dkr-ecr");

  private final RegistryMap registries;
  /** group-resource -> JSON pointers of image fields; a {@code *} segment is every element or field. */
  private final Map<String, List<String>> imagePaths;
  private final SeenValues seenRegistries = new SeenValues();
  private final Set<String> matchedSources = new HashSet<>();
  private final SeenValues seenResources = new SeenValues();

  CustomResourceImages(RegistryMap registries, Map<String, List<String>> imagePaths) {
    this.registries = registries;
    this.imagePaths = imagePaths;
  }

  @Override
  public boolean reportsItsChanges() {
    return true;
  }

  @Override
  public boolean mayApply(RawItem item) {
    return !PlatformApis.kubernetes(item.path().key().group()) && ECR.mayBeIn(item);
  }

  @Override
  public void observe(ItemKey key, KubeObject object) {
    seenResources.add(key.groupResource());
    for (Map.Entry<String, TextNode> image : images(key, object).entrySet()) {
      String value = image.getValue().asText();
      String host = EcrHosts.privateHostOfImage(value);
      if (host != null) {
        seenRegistries.add(host);
        registries.sourcesOf(value).forEach(matchedSources::add);
      }
    }
  }

  @Override
  public List<UnmatchedValues> unmatched() {
    List<UnmatchedValues> out = new ArrayList<>();
    UnmatchedValues hosts = seenRegistries.unmatched("registries", true, registries.sources(), matchedSources,
        "ECR registries of custom resource images");
    UnmatchedValues resources = seenResources.unmatched("imagePaths", true, imagePaths.keySet(), seenResources.sorted(),
        "custom resources (group-resource)");
    for (UnmatchedValues u : new UnmatchedValues[] {hosts, resources}) {
      if (u != null) {
        out.add(u);
      }
    }
    return out;
  }

  @Override
  public void apply(ActionContext ctx) {
    ItemKey key = ctx.key();
    if (PlatformApis.kubernetes(key.group())) {
      return;
    }
    Map<String, TextNode> declared = images(key, ctx.object());
    for (Map.Entry<String, TextNode> image : declared.entrySet()) {
      rewrite(ctx, image.getKey(), image.getValue().asText());
    }
    List<String> elsewhere = new ArrayList<>();
    collectEcrStrings(ctx.object().node(), "", declared.keySet(), elsewhere);
    for (String where : elsewhere) {
      ctx.warn("ecr-image-in-custom-resource", where + " names a private ECR image, which GKE cannot pull; not rewritten",
          "if the operator runs it as an image, add \"" + key.groupResource() + ": " + where.substring(0, where.indexOf(' ')) + "\" to imagePaths");
    }
  }

  private void rewrite(ActionContext ctx, String pointer, String image) {
    if (EcrHosts.privateHostOfImage(image) == null) {
      return;
    }
    Optional<String> rewritten = registries.rewrite(image);
    if (rewritten.isEmpty()) {
      ctx.error("ecr-image-unmapped", pointer + ": " + image + " is on ECR registry " + EcrHosts.hostOfImage(image)
          + ", which has no mapping in registries; GKE cannot pull it", "add it to registries and copy the images there");
      return;
    }
    JsonNode parent = ctx.object().node().at(pointer.substring(0, pointer.lastIndexOf('/')));
    String last = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode object) {
      object.put(last, rewritten.get());
    } else if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), rewritten.get());
    }
    ctx.report(Severity.INFO, "ecr-image-rewritten", pointer + ": " + image + " -> " + rewritten.get(),
        "copy the image before the restore, e.g. crane copy " + image + " " + rewritten.get());
  }

  /** The string values at this resource's declared image paths, by concrete JSON pointer. */
  private Map<String, TextNode> images(ItemKey key, KubeObject object) {
    Map<String, TextNode> out = new LinkedHashMap<>();
    for (String path : imagePaths.getOrDefault(key.groupResource(), List.of())) {
      String[] segments = path.replaceFirst("^/", "").split("/");
      resolve(object.node(), "", segments, 0, out);
    }
    return out;
  }

  private static void resolve(JsonNode node, String at, String[] segments, int i, Map<String, TextNode> out) {
    if (i == segments.length) {
      if (node instanceof TextNode text) {
        out.put(at, text);
      }
      return;
    }
    String segment = segments[i];
    if (segment.equals("*")) {
      if (node instanceof ArrayNode array) {
        for (int e = 0; e < array.size(); e++) {
          resolve(array.get(e), at + "/" + e, segments, i + 1, out);
        }
      } else if (node instanceof ObjectNode object) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          resolve(object.get(name), at + "/" + escape(name), segments, i + 1, out);
        }
      }
    } else if (node instanceof ObjectNode object && object.has(segment.replace("~1", "/").replace("~0", "~"))) {
      resolve(object.get(segment.replace("~1", "/").replace("~0", "~")), at + "/" + segment, segments, i + 1, out);
    } else if (node instanceof ArrayNode array && segment.matches("\\d+") && Integer.parseInt(segment) < array.size()) {
      resolve(array.get(Integer.parseInt(segment)), at + "/" + segment, segments, i + 1, out);
    }
  }

  /** Every other string that is a private ECR image reference, as "pointer (image)"; metadata is not an image's place. */
  private static void collectEcrStrings(JsonNode node, String at, Set<String> declared, List<String> out) {
    if (node instanceof TextNode text) {
      if (!declared.contains(at) && EcrHosts.privateHostOfImage(text.asText()) != null && !text.asText().contains(" ")) {
        out.add(at + " (" + text.asText() + ")");
      }
    } else if (node instanceof ArrayNode array) {
      for (int e = 0; e < array.size(); e++) {
        collectEcrStrings(array.get(e), at + "/" + e, declared, out);
      }
    } else if (node instanceof ObjectNode object) {
      for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!(at.isEmpty() && (name.equals("metadata") || name.equals("status")))) {
          collectEcrStrings(object.get(name), at + "/" + escape(name), declared, out);
        }
      }
    }
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  public static final ConverterSpec SPEC = new ConverterDescriptor(
      "customResourceImages",
      "Rewrite private ECR images in custom resources (operators' own image fields, e.g. a SparkApplication's spec.image) "
          + "at the JSON pointers imagePaths names per resource, through the registries map; report every other private ECR "
          + "image in a custom resource with its path. Built-in Kubernetes resources are ecrToRegistry's.",
      List.of(ParameterDoc.required("registries", "map", "ECR registry host (or host/path) -> target image prefix, as for ecrToRegistry"),
          ParameterDoc.optional("imagePaths", "map",
              "custom resource (group-resource) -> comma-separated JSON pointers of image fields; * is every element, "
                  + "e.g. sparkapplications.sparkoperator.k8s.io: /spec/image,/spec/driver/image,/spec/executor/image")),
      """
          - convert: customResourceImages
            with:
              registries: {123456789012.dkr.ecr.us-east-1.amazonaws.com: europe-west1-docker.pkg.dev/acme-prod/shop}
              imagePaths: {sparkapplications.sparkoperator.k8s.io: "/spec/image,/spec/driver/image,/spec/executor/image"}
          """,
      CustomResourceImages::create);

  private static ObjectAction create(ConverterConfig config) {
    Map<String, List<String>> paths = new LinkedHashMap<>();
    config.map("imagePaths").forEach((resource, pointers) -> {
      List<String> list = new ArrayList<>();
      for (String pointer : pointers.split(",")) {
        String p = pointer.trim();
        if (!p.startsWith("/") || p.length() < 2) {
          throw new IllegalArgumentException("imagePaths: '" + p + "' of " + resource + " is not a JSON pointer like /spec/image");
        }
        list.add(p);
      }
      paths.put(resource, List.copyOf(list));
    });
    return new CustomResourceImages(RegistryMap.of(config.map("registries")), paths);
  }
}
