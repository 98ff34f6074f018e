package io.rngstream.client.testing;

import io.rngstream.devstack.StackEndpoints;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one {@link RunningProcessor} per test JVM before the first class that uses it, and stops it when the
 * JVM's tests are done (before the devstack, which was stored first and so is closed last). Register it after
 * {@code DevStackExtension}, which supplies the endpoints.
 */
public final class ProcessorExtension implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ProcessorExtension.class);

  @Override
  public void beforeAll(final ExtensionContext context) throws Exception {
    // Resolved by DevStackExtension, so both extensions share the one stack of this JVM.
    final StackEndpoints stack = (StackEndpoints) context.getExecutableInvoker()
        .invoke(ProcessorExtension.class.getDeclaredMethod("endpoints", StackEndpoints.class), null);
    context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(RunningProcessor.class, type -> RunningProcessor.start(stack), RunningProcessor.class);
  }

  static StackEndpoints endpoints(final StackEndpoints stack) {
    return stack;
  }
}
