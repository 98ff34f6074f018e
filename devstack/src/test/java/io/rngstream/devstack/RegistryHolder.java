package io.rngstream.devstack;

import java.nio.file.Path;

/** Test child JVM: starts a registry in the work directory given as argument, prints its pid and port, waits. */
public final class RegistryHolder {

    static final String PID_PREFIX = "registry-pid=";
    static final String PORT_PREFIX = "registry-port=";

    private RegistryHolder() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final SchemaRegistryServer registry = SchemaRegistryServer.start(
                SchemaRegistryServer.Config.defaults().withWorkDir(Path.of(args[0])));
        System.out.println(PORT_PREFIX + registry.port());
        System.out.println(PID_PREFIX + registry.pid().orElseThrow());
        System.out.flush();
        Thread.currentThread().join();
    }
}
