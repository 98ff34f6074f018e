package io.rngstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With SharedStackFirstIT: two classes, one stack per test JVM. */
@ExtendWith(DevStackExtension.class)
class SharedStackSecondIT {

    private static StackEndpoints fromBeforeAll;

    @BeforeAll
    static void setUp(final StackEndpoints stack, final DevStack devStack) {
        fromBeforeAll = stack;
        SharedStackWitness.sawStack(SharedStackSecondIT.class, devStack, stack);
    }

    @Test
    void testMethodsGetTheEndpointsThatBeforeAllGot(final StackEndpoints stack) {
        assertThat(stack).isEqualTo(fromBeforeAll);
    }

    @Test
    void theStackIsTheOneStartedForThisJvm(final DevStack devStack, final StackEndpoints stack) {
        SharedStackWitness.sawStack(SharedStackSecondIT.class, devStack, stack);
        assertThat(devStack.broker().isRunning()).isTrue();
        assertThat(devStack.registry().isRunning()).isTrue();
    }
}
