package io.rngstream.devstack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

/** A port that is already bound fails the start at once, with a message that names it. */
class TakenPortTest {

    @Test
    void brokerNamesTheTakenPort() throws IOException {
        try (ServerSocket squatter = bindAnyLoopbackPort()) {
            final int port = squatter.getLocalPort();
            try (KafkaBroker broker = new KafkaBroker(KafkaBroker.Config.defaults().withPort(port))) {
                assertThatThrownBy(broker::start).hasMessageContaining("port " + port + " on 127.0.0.1 is taken");
            }
        }
    }

    @Test
    void registryNamesTheTakenPort() throws IOException {
        try (ServerSocket squatter = bindAnyLoopbackPort()) {
            final int port = squatter.getLocalPort();
            try (SchemaRegistryServer registry = new SchemaRegistryServer(
                    SchemaRegistryServer.Config.defaults().withPort(port))) {
                assertThatThrownBy(registry::start).hasMessageContaining("port " + port + " on 127.0.0.1 is taken");
            }
        }
    }

    private static ServerSocket bindAnyLoopbackPort() throws IOException {
        final ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(LoopbackPorts.HOST), 0));
        return socket;
    }
}
