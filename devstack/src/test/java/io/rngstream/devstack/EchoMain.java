package io.rngstream.devstack;

/** Test child JVM: prints its arguments and one system property, then exits with the code in its first argument. */
public final class EchoMain {

    private EchoMain() {
    }

    public static void main(final String[] args) {
        System.out.println("args=" + String.join(",", args));
        System.out.println("greeting=" + System.getProperty("echo.greeting"));
        System.exit(Integer.parseInt(args[0]));
    }
}
