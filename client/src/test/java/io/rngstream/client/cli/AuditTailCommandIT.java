package io.rngstream.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.client.sdk.DrawRequest;
import io.rngstream.client.sdk.RngClient;
import io.rngstream.client.testing.ProcessorExtension;
import io.rngstream.devstack.DevStackExtension;
import io.rngstream.devstack.StackEndpoints;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(DevStackExtension.class)
@ExtendWith(ProcessorExtension.class)
class AuditTailCommandIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void printsTheCommittedAuditTrailUpToItsEnd(final StackEndpoints stack) {
    final String marker = "audit-tail-" + UUID.randomUUID();
    final String requestId;
    try (RngClient client = RngClient.builder().bootstrapServers(stack.bootstrapServers())
        .registryUrl(stack.registryUrl()).clientId("audit-tail-it").build()) {
      requestId = client.drawNow(DrawRequest.between(1, 6).count(2).userData(marker)).getRequestId();
    }

    final int exit = new CommandLine(new AuditCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("tail", "--from-beginning", "--no-follow",
            "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl());

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString().lines().filter(line -> line.contains(marker)))
        .singleElement().asString()
        .contains("client=audit-tail-it", "request=" + requestId, "[1..6]x2", " OK ", "seed=");
  }
}
