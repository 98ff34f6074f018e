package io.rngstream.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Picks free TCP ports on 127.0.0.1 and tells whether a given one can still be bound. */
final class LoopbackPorts {

    static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A port the OS just handed out; free now, though another process may take it before we bind. */
    static int pickFree() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /** A free port other than {@code taken}, for a server that needs two. */
    static int pickFreeExcept(final int taken) {
        int port = pickFree();
        while (port == taken) {
            port = pickFree();
        }
        return port;
    }

    static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same option the servers use, so a port in TIME_WAIT after our own restart counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws with a message naming the port when it is already bound by someone. */
    static void requireFree(final int port, final String what) {
        if (!isFree(port)) {
            throw new IllegalStateException("port " + port + " on " + HOST + " is taken (wanted for " + what + ")");
        }
    }
}
