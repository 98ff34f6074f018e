package io.rngstream.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests a running stack: parameters of type {@link StackEndpoints} (and
 * {@link DevStack} when it started one) in test, lifecycle and constructor methods. The stack starts once per
 * test JVM, on first use, and stops when the JVM ends. When {@value #BOOTSTRAP_ENV} and
 * {@value #REGISTRY_ENV} are both set, it starts nothing and hands out those endpoints.
 */
public final class DevStackExtension implements ParameterResolver {

    /** Kafka bootstrap servers of an already running stack. */
    public static final String BOOTSTRAP_ENV = "RNG_TEST_BOOTSTRAP_SERVERS";
    /** Registry v3 URL of an already running stack. */
    public static final String REGISTRY_ENV = "RNG_TEST_REGISTRY_URL";

    private static final AtomicInteger LOCAL_STARTS = new AtomicInteger();
    private static SharedStack shared;

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        final Class<?> type = parameter.getParameter().getType();
        return type == StackEndpoints.class || type == DevStack.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        final SharedStack shared = sharedStack(context);
        if (parameter.getParameter().getType() == StackEndpoints.class) {
            return shared.endpoints();
        }
        if (shared.local() == null) {
            throw new ParameterResolutionException("no local DevStack to inject: " + BOOTSTRAP_ENV + " and "
                    + REGISTRY_ENV + " point the tests at an external stack; ask for StackEndpoints instead");
        }
        return shared.local();
    }

    /** How many stacks this extension has started in this JVM; the design says at most one. */
    static int localStarts() {
        return LOCAL_STARTS.get();
    }

    /**
     * The endpoints of the stack shared by all tests of this JVM, for test engines that cannot use Jupiter
     * extensions (jqwik properties): the same stack the extension hands out, started once.
     */
    public static StackEndpoints sharedEndpoints() {
        return sharedStack(null).endpoints();
    }

    private static SharedStack sharedStack(final ExtensionContext context) {
        // One per JVM, not per engine: Jupiter and jqwik run one after the other in the same JVM, and a stack
        // per engine cost a second broker and registry start. It stops when the JVM ends (the registry's child
        // JVM also watches its parent, so a killed test JVM leaves nothing behind).
        synchronized (DevStackExtension.class) {
            if (shared == null) {
                final SharedStack stack = SharedStack.create();
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-stop"));
                shared = stack;
            }
            return shared;
        }
    }

    /** The stack shared by all tests of this JVM: a local one, or only the endpoints of an external one. */
    record SharedStack(StackEndpoints endpoints, DevStack local) implements AutoCloseable {

        static SharedStack create() {
            final String bootstrap = System.getenv(BOOTSTRAP_ENV);
            final String registry = System.getenv(REGISTRY_ENV);
            if (bootstrap != null && !bootstrap.isBlank() && registry != null && !registry.isBlank()) {
                return new SharedStack(new StackEndpoints(bootstrap.trim(), registry.trim()), null);
            }
            LOCAL_STARTS.incrementAndGet();
            final DevStack stack = DevStack.start(DevStack.Options.defaults().withWorkDir(workDir(), true));
            return new SharedStack(stack.endpoints(), stack);
        }

        /** Under target/ when run by Maven from a module directory, so data never lands elsewhere. */
        private static Path workDir() {
            final Path target = Path.of("target");
            final String name = "devstack-" + ProcessHandle.current().pid();
            return Files.isDirectory(target) ? target.resolve(name).toAbsolutePath()
                    : Directories.createTemp("rng-devstack-").resolve(name);
        }

        @Override
        public void close() {
            if (local != null) {
                local.close();
            }
        }
    }
}
