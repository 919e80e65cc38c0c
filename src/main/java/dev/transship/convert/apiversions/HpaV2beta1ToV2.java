package dev.transship.convert.apiversions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * HorizontalPodAutoscaler autoscaling/v2beta1 to autoscaling/v2 (v2beta2 has v2's fields already).
 * Each metric's flat target fields become a {@code target} of a type: {@code
 * targetAverageUtilization} is {@code {type: Utilization, averageUtilization}}, {@code
 * targetAverageValue} is {@code {type: AverageValue, averageValue}}, {@code targetValue} is {@code
 * {type: Value, value}}; {@code metricName} and {@code selector} / {@code metricSelector} become
 * {@code metric: {name, selector}}, and an Object metric's {@code target} reference becomes {@code
 * describedObject}. The status, in the old shape too, is not restored by Velero.
 */
final class HpaV2beta1ToV2 implements SchemaChange {
  /** The metric source field of each metric type. */
  private static final Map<String, String> SOURCE = Map.of("Resource", "resource", "Pods", "pods", "Object", "object",
      "External", "external", "ContainerResource", "containerResource");

  @Override
  public void apply(ObjectNode object, ConversionNotes notes) throws Unconvertible {
    JsonNode metrics = object.path("spec").path("metrics");
    if (!metrics.isArray() && !metrics.isMissingNode() && !metrics.isNull()) {
      throw new Unconvertible("spec.metrics is not a list");
    }
    for (int i = 0; i < metrics.size(); i++) {
      JsonNode metric = metrics.path(i);
      String type = metric.path("type").asText("");
      String field = SOURCE.get(type);
      if (field == null || !(metric.path(field) instanceof ObjectNode source)) {
        throw new Unconvertible("spec.metrics[" + i + "] has type '" + type + "' without its " + (field == null ? "source" : field) + " block");
      }
      String at = "spec.metrics[" + i + "]." + field;
      switch (type) {
        case "Resource", "ContainerResource" -> source.set("target", target(source, at, notes));
        case "Pods" -> {
          source.set("metric", metric(source, "selector", at));
          source.set("target", target(source, at, notes));
        }
        case "Object" -> {
          JsonNode described = source.remove("target");
          if (described == null || !described.isObject()) {
            throw new Unconvertible(at + ".target (the object the metric describes) is missing");
          }
          source.set("describedObject", described);
          source.set("metric", metric(source, "selector", at));
          source.set("target", target(source, at, notes));
          notes.changed("object metrics: target -> describedObject");
        }
        default -> { // External
          source.set("metric", metric(source, "metricSelector", at));
          source.set("target", target(source, at, notes));
        }
      }
    }
  }

  /** {@code metricName} and its selector as {@code metric: {name, selector}}. */
  private static ObjectNode metric(ObjectNode source, String selectorField, String at) throws Unconvertible {
    JsonNode name = source.remove("metricName");
    if (name == null || !name.isTextual()) {
      throw new Unconvertible(at + ".metricName is missing");
    }
    ObjectNode metric = source.objectNode().put("name", name.asText());
    JsonNode selector = source.remove(selectorField);
    if (selector != null && !selector.isNull()) {
      metric.set("selector", selector);
    }
    return metric;
  }

  private static ObjectNode target(ObjectNode source, String at, ConversionNotes notes) throws Unconvertible {
    JsonNode utilization = source.remove("targetAverageUtilization");
    JsonNode averageValue = source.remove("targetAverageValue");
    JsonNode value = source.remove("targetValue");
    JsonNode objectAverage = source.remove("averageValue"); // Object metrics: a per-pod average
    ObjectNode target = source.objectNode();
    if (objectAverage != null && value != null && utilization == null && averageValue == null) {
      // an Object metric with a per-pod average: the API server's conversion keeps both, typed AverageValue
      target.put("type", "AverageValue").set("averageValue", objectAverage);
      target.set("value", value);
      notes.changed("targetValue/averageValue -> target {type: AverageValue, averageValue, value}");
      return target;
    }
    int given = (utilization == null ? 0 : 1) + (averageValue == null ? 0 : 1) + (value == null ? 0 : 1) + (objectAverage == null ? 0 : 1);
    if (given != 1) {
      throw new Unconvertible(at + " needs exactly one of targetAverageUtilization, targetAverageValue, targetValue or averageValue, has " + given);
    }
    if (utilization != null) {
      target.put("type", "Utilization").set("averageUtilization", utilization);
      notes.changed("targetAverageUtilization -> target {type: Utilization, averageUtilization}");
    } else if (averageValue != null || objectAverage != null) {
      target.put("type", "AverageValue").set("averageValue", averageValue != null ? averageValue : objectAverage);
      notes.changed((averageValue != null ? "targetAverageValue" : "averageValue") + " -> target {type: AverageValue, averageValue}");
    } else {
      target.put("type", "Value").set("value", value);
      notes.changed("targetValue -> target {type: Value, value}");
    }
    if (source.has("metric")) {
      notes.changed("metricName/selector -> metric {name, selector}");
    }
    return target;
  }
}
