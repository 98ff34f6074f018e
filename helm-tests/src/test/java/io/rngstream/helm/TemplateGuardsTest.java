package io.rngstream.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values that pass the schema but contradict each other or the processor make helm template fail, naming the keys. */
class TemplateGuardsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      hpa and keda together       | autoscaling: {enabled: true}\\nkeda: {enabled: true}                          | choose the HPA on CPU or the KEDA ScaledObject
      replicas above partitions   | workload: {replicas: 13}                                                      | workload.replicas (13) is above kafka.requestsTopicPartitions (12)
      hpa above partitions        | autoscaling: {enabled: true, maxReplicas: 24}                                 | autoscaling.maxReplicas (24) is above kafka.requestsTopicPartitions (12)
      keda above partitions       | keda: {enabled: true, maxReplicaCount: 13}                                    | keda.maxReplicaCount (13) is above kafka.requestsTopicPartitions (12)
      grace period too short      | workload: {terminationGracePeriodSeconds: 30}                                 | must be longer than config shutdown.timeout-ms (30000 ms)
      rollout of a statefulset    | workload: {kind: StatefulSet}\\nrollout: {enabled: true}                      | it needs workload.kind Deployment
      signing key from nowhere    | secrets: {signingKey: {enabled: true}}                                        | secrets.signingKey.enabled needs
      scram without credentials   | kafka: {auth: scram-sha-512}                                                  | kafka.auth scram-sha-512 needs
      production without a key   | config: {mode: production}                                                    | config mode production needs secrets.signingKey.enabled
      msk iam without a role      | kafka: {auth: msk-iam}                                                        | needs serviceAccount.irsaRoleArn
      kafka tls from nowhere      | kafka: {auth: tls}\\nsecrets: {kafkaTls: {enabled: true}}                  | secrets.kafkaTls.enabled needs secrets.kafkaTls.existingSecret
      kafka tls on plaintext      | secrets: {kafkaTls: {enabled: true, existingSecret: s}}                        | secrets.kafkaTls.enabled needs kafka.auth tls or scram-sha-512
      kafka tls without stores    | kafka: {auth: tls}\\nsecrets: {kafkaTls: {enabled: true, existingSecret: s, keystoreKey: ""}} | needs secrets.kafkaTls.keystoreKey
      keda on msk without region  | kafka: {auth: msk-iam}\\nserviceAccount: {irsaRoleArn: "arn:aws:iam::111111111111:role/r"}\\nkeda: {enabled: true} | keda.awsRegion is required
      """)
  void refuses(final String name, final String values, final String message) throws IOException {
    final Path file = Files.createTempFile(Files.createDirectories(ChartUnderTest.workDir()), "guard-", ".yaml");
    Files.writeString(file, values.replace("\\n", "\n"));

    assertThatThrownBy(() -> ChartUnderTest.template(List.of(file))).as(name).hasMessageContaining(message);
  }
}
