package io.rngstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/** Its own broker (node id 2, beside the shared stack's node 1): restarting must not disturb other tests. */
class KafkaBrokerRestartIT {

    @Test
    void restartsOnTheSameAddressAndKeepsItsData() throws Exception {
        final Path dataDir = Path.of("target", "broker-restart-it-" + ProcessHandle.current().pid());
        try (KafkaBroker broker = KafkaBroker.start(KafkaBroker.Config.defaults().withDataDir(dataDir).withNodeId(2))) {
            final String before = broker.bootstrapServers();
            KafkaBrokerIT.KafkaClients.produce(before, "restart-it", "k", "written before the restart");

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(LoopbackPorts.isFree(broker.port())).as("broker port after stop").isTrue();

            broker.start();
            assertThat(broker.bootstrapServers()).as("bootstrap address after restart").isEqualTo(before);
            final List<ConsumerRecord<String, String>> received = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = KafkaBrokerIT.KafkaClients.groupConsumer(before, "restart-it")) {
                consumer.subscribe(Set.of("restart-it"));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    assertThat(received).as("records kept across the restart").isNotEmpty();
                });
            }
            assertThat(received).extracting(ConsumerRecord::value).containsExactly("written before the restart");
        } finally {
            Directories.deleteRecursively(dataDir);
        }
    }
}
