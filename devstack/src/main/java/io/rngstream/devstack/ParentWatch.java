package io.rngstream.devstack;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Main class placed in front of a child JVM's real main: ends the child when the JVM that launched it is gone.
 *
 * <p>Usage: {@code java -cp <app>:<parent-watch.jar> io.rngstream.devstack.ParentWatch <real main> [args...]},
 * launched with standard input as a pipe from the parent (as {@link ChildJvm} does). The parent never writes to
 * that pipe; the kernel closes it when the parent dies for any reason, SIGKILL included, and the read here then
 * sees end-of-file. When {@value #PARENT_PID_PROPERTY} is set, the parent's pid is polled as a second signal.
 *
 * <p>This class must stay a single class file that uses only the JDK: {@link ChildJvm} copies it alone into a
 * tiny jar so that it can sit on any child's class path.
 */
public final class ParentWatch {

    /** System property with the pid of the parent JVM; optional. */
    public static final String PARENT_PID_PROPERTY = "rng.parentwatch.pid";

    private static final long PARENT_POLL_MS = 500;
    private static final long EXIT_GRACE_MS = 10_000;
    private static final AtomicBoolean EXITING = new AtomicBoolean();

    private ParentWatch() {
    }

    public static void main(final String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatch <main class> [args...]");
            System.exit(2);
        }
        startDaemon("parent-watch-stdin", ParentWatch::awaitStdinEof);
        final String parentPid = System.getProperty(PARENT_PID_PROPERTY);
        if (parentPid != null && !parentPid.isBlank()) {
            final Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(parentPid.trim()));
            if (parent.isEmpty()) {
                parentGone("parent pid " + parentPid + " is not running");
            }
            startDaemon("parent-watch-pid", () -> pollParent(parent.get()));
        }
        final Method main = Class.forName(args[0], false, ClassLoader.getSystemClassLoader())
                .getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void awaitStdinEof() {
        try {
            final byte[] buffer = new byte[256];
            while (System.in.read(buffer) >= 0) {
                // The parent writes nothing meaningful; only end-of-file matters.
            }
            parentGone("standard input closed (parent exited)");
        } catch (IOException e) {
            parentGone("standard input failed (" + e.getMessage() + ")");
        }
    }

    private static void pollParent(final ProcessHandle parent) {
        // A dead parent that nobody reaps stays a zombie, which isAlive() reports as alive; but its children
        // are re-parented the moment it exits, so a changed parent pid tells the truth.
        final boolean direct = isMyParent(parent);
        while (parent.isAlive() && (!direct || isMyParent(parent))) {
            pause(PARENT_POLL_MS);
        }
        parentGone("parent pid " + parent.pid() + " exited");
    }

    private static boolean isMyParent(final ProcessHandle candidate) {
        return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == candidate.pid();
    }

    private static void parentGone(final String reason) {
        if (!EXITING.compareAndSet(false, true)) {
            return;
        }
        System.err.println("[ParentWatch] " + reason + "; exiting");
        // Shutdown hooks get a grace period; a hook that hangs must not leave an orphan behind.
        startDaemon("parent-watch-halt", () -> {
            pause(EXIT_GRACE_MS);
            Runtime.getRuntime().halt(1);
        });
        System.exit(0);
    }

    private static void startDaemon(final String name, final Runnable body) {
        final Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void pause(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
