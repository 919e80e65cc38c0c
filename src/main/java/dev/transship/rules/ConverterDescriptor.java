package dev.transship.rules;

import java.util.List;
import java.util.function.Function;

/** A {@link ConverterSpec} as plain data plus a factory: what most converters need. */
public record ConverterDescriptor(String name, String summary, List<ParameterDoc> parameters, String example,
    Function<ConverterConfig, ObjectAction> factory, ResourceScope scope) implements ConverterSpec {
  /** A converter that may act on any resource. */
  public ConverterDescriptor(String name, String summary, List<ParameterDoc> parameters, String example,
      Function<ConverterConfig, ObjectAction> factory) {
    this(name, summary, parameters, example, factory, ResourceScope.ANY);
  }

  /** The same converter, declaring the resources it works on. */
  public ConverterDescriptor withScope(ResourceScope declared) {
    return new ConverterDescriptor(name, summary, parameters, example, factory, declared);
  }

  @Override
  public ObjectAction create(ConverterConfig config) {
    return factory.apply(config);
  }
}
