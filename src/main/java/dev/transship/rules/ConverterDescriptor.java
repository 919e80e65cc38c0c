package dev.transship.rules;

import java.util.List;
import java.util.function.Function;

/** A {@link ConverterSpec} as plain data plus a factory: what most converters need. */
public record ConverterDescriptor(String name, String summary, List<ParameterDoc> parameters, String example,
    Function<ConverterConfig, ObjectAction> factory) implements ConverterSpec {
  @Override
  public ObjectAction create(ConverterConfig config) {
    return factory.apply(config);
  }
}
