package dev.transship.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import java.util.Collection;
import java.util.Map;

/**
 * A rule's {@code when:} condition: a CEL expression over {@code object} (the Kubernetes object)
 * and {@code params} (the rule pack's parameter values), the language Kubernetes admission
 * policies use, with the optional ({@code ?.field.orValue(x)}) and string extensions.
 */
public final class CelCondition {
  /**
   * Bounds for a condition from someone else's pack, so that it cannot hang or exhaust a run: the
   * loop iterations of one evaluation, the expression nodes it evaluates (its cost), the size of any
   * value it builds (a few nested replace() calls grow a string 16-fold each), and the source length.
   */
  static final int MAX_ITERATIONS = 100_000;
  static final long MAX_STEPS = 1_000_000;
  static final int MAX_VALUE_SIZE = 1 << 20;
  static final int MAX_EXPRESSION_CHARS = 10_000;

  private static final Cel CEL = CelFactory.standardCelBuilder()
      .setOptions(CelOptions.current().comprehensionMaxIterations(MAX_ITERATIONS)
          .maxExpressionCodePointSize(MAX_EXPRESSION_CHARS).build())
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
      Object result = program.trace(Map.of("object", CelValues.value(object), "params", params), new Budget());
      if (!(result instanceof Boolean matched)) {
        throw new ActionFailedException("when: " + expression + ": gave " + result + ", not true or false");
      }
      return matched;
    } catch (OverBudget e) {
      throw new ActionFailedException("when: " + shortened() + ": " + e.getMessage());
    } catch (CelEvaluationException e) {
      if (e.getCause() instanceof OverBudget over) {
        throw new ActionFailedException("when: " + shortened() + ": " + over.getMessage());
      }
      if (e.getMessage() != null && e.getMessage().contains("Iteration budget exceeded")) {
        throw new ActionFailedException("when: " + shortened() + ": stopped at the limit of " + MAX_ITERATIONS
            + " loop iterations per object");
      }
      String message = e.getMessage() == null ? "evaluation failed" : e.getMessage().lines().findFirst().orElse("");
      String hint = message.contains("key") ? " (guard optional fields with has() or object.a.?b.orValue(...))" : "";
      throw new ActionFailedException("when: " + expression + ": " + message + hint);
    }
  }

  private String shortened() {
    return expression.length() > 200 ? expression.substring(0, 200) + "..." : expression;
  }

  /** Counts what one evaluation does and stops it when it goes over a bound. */
  private static final class Budget implements CelEvaluationListener {
    private long steps;

    @Override
    public void callback(CelExpr expr, Object value) {
      if (++steps > MAX_STEPS) {
        throw new OverBudget("stopped at the cost limit of " + MAX_STEPS + " evaluation steps per object");
      }
      long size = value instanceof CharSequence text ? text.length()
          : value instanceof Collection<?> list ? list.size()
          : value instanceof Map<?, ?> map ? map.size()
          : value instanceof com.google.protobuf.ByteString bytes ? bytes.size() : 0;
      if (size > MAX_VALUE_SIZE) {
        throw new OverBudget("stopped at the size limit: a value of " + size + " characters or elements (at most " + MAX_VALUE_SIZE + ")");
      }
    }
  }

  private static final class OverBudget extends RuntimeException {
    OverBudget(String message) {
      super(message, null, false, false);
    }
  }

  public String expression() {
    return expression;
  }
}
