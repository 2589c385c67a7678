package org.stylepipe.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a Java main class in a JVM of its own with this JVM's options (module opens, caches) and
 * class path.
 */
public final class ChildJvm {
  private ChildJvm() {}

  public static Process start(List<String> mainAndArgs, Path log, Map<String, String> environment)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(options());
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.addAll(mainAndArgs);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** This JVM's options without its heap size. */
  public static List<String> options() {
    List<String> options = new ArrayList<>();
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!option.startsWith("-Xmx")) {
        options.add(option);
      }
    }
    return options;
  }
}
