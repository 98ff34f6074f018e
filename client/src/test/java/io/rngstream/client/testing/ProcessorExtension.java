package io.rngstream.client.testing;

import io.rngstream.devstack.StackEndpoints;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link RunningProcessor} per test JVM before the first class that uses it, and stops it when the
 * JVM's tests are done (before the devstack, which was stored first and so is closed last). Register it after
 * {@code DevStackExtension}, which supplies the endpoints. Test methods and lifecycle methods may take the
 * {@link RunningProcessor} as a parameter.
 */
public final class ProcessorExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProcessorExtension.class);

  @Override
  public void beforeAll(final ExtensionContext context) throws Exception {
    // Resolved by DevStackExtension, so both extensions share the one stack of this JVM.
    final StackEndpoints stack = (StackEndpoints) context.getExecutableInvoker()
        .invoke(ProcessorExtension.class.getDeclaredMethod("endpoints", StackEndpoints.class), null);
    context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(RunningProcessor.class, type -> RunningProcessor.start(stack), RunningProcessor.class);
  }

  @Override
  public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
    return parameter.getParameter().getType() == RunningProcessor.class;
  }

  @Override
  public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).get(RunningProcessor.class, RunningProcessor.class);
  }

  static StackEndpoints endpoints(final StackEndpoints stack) {
    return stack;
  }
}
