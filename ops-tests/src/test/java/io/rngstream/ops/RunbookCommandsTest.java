package io.rngstream.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.rngstream.client.cli.AuditCommand;
import io.rngstream.client.cli.DrawCommand;
import io.rngstream.client.cli.VerifyReplyCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ./rng} command a runbook writes exists, with the options it gives: checked against the picocli
 * commands the launcher mounts, since a runbook with a wrong flag fails the person on call when it matters.
 */
class RunbookCommandsTest {
  private static final Pattern INLINE_CODE = Pattern.compile("`([^`\\n]+)`");
  /** An ./rng call up to the end of its pipeline stage (a pipe, a list operator or a redirection). */
  private static final Pattern RNG_CALL = Pattern.compile("\\./rng((?:\\s+(?!>)[^|;&\\s]+)*)");
  /** A shell comment in a code line: from a # that starts a word to the end. */
  private static final Pattern SHELL_COMMENT = Pattern.compile("(^|\\s)#.*$");

  @Test
  void everyRngCommandAndOptionInTheRunbooksExists() {
    final List<String> calls = new ArrayList<>();
    final List<String> wrong = new ArrayList<>();
    for (final Path page : pages()) {
      for (final String code : codeOf(page)) {
        final Matcher call = RNG_CALL.matcher(SHELL_COMMENT.matcher(code).replaceFirst(""));
        while (call.find()) {
          final String[] words = call.group(1).trim().split("\\s+");
          if (words.length == 0 || words[0].isEmpty()) {
            continue;
          }
          calls.add(call.group());
          check(page.getFileName() + ": " + call.group(), words).ifPresent(wrong::add);
        }
      }
    }
    assertThat(calls).as("./rng calls in the runbooks").anyMatch(call -> call.contains("audit verify"))
        .anyMatch(call -> call.contains("verify-reply"));
    assertThat(wrong).isEmpty();
  }

  @Test
  void theCheckRejectsAMisspelledOptionAndCommand() {
    assertThat(check("test", "audit", "verify", "--from-beginning", "--json")).isEmpty();
    assertThat(check("test", "audit", "verify", "--partition", "3")).isPresent();
    assertThat(check("test", "audit", "tail", "--since", "2h")).isPresent();
    assertThat(check("test", "audit", "check")).isPresent();
  }

  /** What is wrong with one call, if anything: an unknown command, or an option the command does not have. */
  private static Optional<String> check(final String where, final String... words) {
    CommandLine command = rng();
    int i = 0;
    while (i < words.length && command.getSubcommands().containsKey(words[i])) {
      command = command.getSubcommands().get(words[i]);
      i++;
    }
    if (i == 0) {
      return Optional.of(where + ": no such command " + words[0]);
    }
    if (!command.getSubcommands().isEmpty()) {
      return Optional.of(where + ": " + command.getCommandName() + " needs one of " + command.getSubcommands().keySet());
    }
    for (; i < words.length; i++) {
      final String word = words[i];
      if (word.startsWith("-") && !word.equals("-")) {
        final String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        if (command.getCommandSpec().findOption(option) == null) {
          return Optional.of(where + ": " + command.getCommandName() + " has no option " + option);
        }
      }
    }
    return Optional.empty();
  }

  /** The client commands as the launcher mounts them ({@code io.rngstream.launcher.Rng}). */
  private static CommandLine rng() {
    return new CommandLine(CommandLine.Model.CommandSpec.create().name("rng"))
        .addSubcommand(new DrawCommand())
        .addSubcommand(new AuditCommand())
        .addSubcommand(new VerifyReplyCommand());
  }

  /** Inline code spans and fenced code lines of a page. */
  private static List<String> codeOf(final Path page) {
    final List<String> code = new ArrayList<>();
    boolean fenced = false;
    try {
      for (final String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
        if (line.stripLeading().startsWith("```")) {
          fenced = !fenced;
        } else if (fenced) {
          code.add(line);
        } else {
          final Matcher span = INLINE_CODE.matcher(line);
          while (span.find()) {
            code.add(span.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return code;
  }

  private static List<Path> pages() {
    try (Stream<Path> files = Files.list(RepositoryFiles.runbooks())) {
      return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
