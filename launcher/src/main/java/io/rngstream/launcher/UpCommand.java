package io.rngstream.launcher;

import io.rngstream.devstack.StackEndpoints;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code ./rng up}: the local stack without the demo requests, until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start the local broker, registry and processor and keep them running until Ctrl-C.")
final class UpCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    final LocalStack stack = LocalStack.start();
    final StackEndpoints endpoints = stack.endpoints();
    System.out.println("broker    " + endpoints.bootstrapServers());
    System.out.println("registry  " + endpoints.registryUrl());
    System.out.println("processor " + stack.processor().config().applicationId() + " (" + stack.processor().state() + ")");
    System.out.println("settings  " + stack.file().path());
    System.out.println("Try ./rng draw --min 1 --max 6 in another terminal. Ctrl-C stops everything.");
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stack.close();
      stopped.countDown();
    }, "rng-up-stop"));
    stopped.await();
    return 0;
  }
}
