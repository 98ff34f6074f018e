package io.rngstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

/** Remembers the first stack a test class was given, so later classes can check they got the same one. */
final class SharedStackWitness {

    private static final AtomicReference<DevStack> FIRST_STACK = new AtomicReference<>();

    private SharedStackWitness() {
    }

    static void sawStack(final Class<?> testClass, final DevStack stack, final StackEndpoints endpoints) {
        FIRST_STACK.compareAndSet(null, stack);
        assertThat(stack).as("DevStack given to %s", testClass.getSimpleName()).isSameAs(FIRST_STACK.get());
        assertThat(endpoints).as("endpoints given to %s", testClass.getSimpleName()).isEqualTo(stack.endpoints());
        assertThat(DevStackExtension.localStarts()).as("stacks started in this test JVM").isEqualTo(1);
    }
}
