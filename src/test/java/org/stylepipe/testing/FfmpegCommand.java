package org.stylepipe.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} command of JavaCV's FFmpeg build (the program the jar ships, so the tests need
 * no system FFmpeg): makes test files the way users' tools do, and shows what ffmpeg itself does.
 */
public final class FfmpegCommand {
  private FfmpegCommand() {}

  /** Runs {@code ffmpeg -v error -y ARGS}; fails with its output unless it exits with 0. */
  public static void run(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class), "-v", "error", "-y"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("ffmpeg " + String.join(" ", args) + " failed:\n" + output);
    }
  }
}
