package dev.transship.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * A rule's {@code when:} condition: a CEL expression over {@code object} (the Kubernetes object)
 * and {@code params} (the rule pack's parameter values), the language Kubernetes admission
 * policies use, with the optional ({@code ?.field.orValue(x)}) and string extensions.
 */
public final class CelCondition {
  private static final Cel CEL = CelFactory.standardCelBuilder()
      .addVar("object", SimpleType.DYN)
      .addVar("params", SimpleType.DYN)
      .setResultType(SimpleType.BOOL)
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addCompilerLibraries(CelExtensions.optional(), CelExtensions.strings())
      .addRuntimeLibraries(CelExtensions.optional(), CelExtensions.strings())
      .build();

  private final String expression;
  private final CelRuntime.Program program;

  private CelCondition(String expression, CelRuntime.Program program) {
    this.expression = expression;
    this.program = program;
  }

  /** @throws IllegalArgumentException with the compiler's message when it does not compile to a bool */
  public static CelCondition compile(String expression) {
    CelValidationResult result = CEL.compile(expression);
    if (result.hasError()) {
      throw new IllegalArgumentException(result.getErrorString().lines().findFirst().orElse("invalid expression")
          .replaceFirst("^ERROR: <input>:", "at "));
    }
    try {
      return new CelCondition(expression, CEL.createProgram(result.getAst()));
    } catch (Exception e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  public boolean matches(ObjectNode object, Map<String, Object> params) throws ActionFailedException {
    try {
      Object result = program.eval(Map.of("object", CelValues.value(object), "params", params));
      if (!(result instanceof Boolean matched)) {
        throw new ActionFailedException("when: " + expression + ": gave " + result + ", not true or false");
      }
      return matched;
    } catch (CelEvaluationException e) {
      String message = e.getMessage() == null ? "evaluation failed" : e.getMessage().lines().findFirst().orElse("");
      String hint = message.contains("key") ? " (guard optional fields with has() or object.a.?b.orValue(...))" : "";
      throw new ActionFailedException("when: " + expression + ": " + message + hint);
    }
  }

  public String expression() {
    return expression;
  }
}
