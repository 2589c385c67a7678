package org.stylepipe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.Requirements;

/**
 * The launcher scripts and the notebooks, as a user runs them: {@code jobs/stylepipe} runs a
 * dataset job, a stylize job (with flicker) and a few-shot dataset job on the bundled sample, then
 * {@code jobs/notebooks} executes every notebook against their outputs and checks that each cell
 * runs and each notebook draws figures. Needs the packaged application ({@code target/lib}, as
 * {@code mvn verify} builds it before the integration tests) and Debian's Jupyter.
 */
class NotebooksIT {
  private static final Path OUT = Path.of("target", "it-notebooks");
  private static final String SAMPLE = "src/sample/gameplay.mp4";
  private static final long JOB_MINUTES = 15;
  private static int steps;

  @Test
  void everyNotebookRunsOnTheJobsOutputs() throws Exception {
    Requirements.require(
        onPath("jupyter-nbconvert"),
        "jupyter-nbconvert is not installed (apt-get install jupyter-nbconvert python3-ipykernel"
            + " python3-pandas python3-matplotlib)");
    String model = TestModels.file("mosaic.onnx").toString();
    deleteRecursively(OUT);
    Path dataset = OUT.resolve("dataset");
    Path stylized = OUT.resolve("stylized");
    Path fewShot = OUT.resolve("fewshot");
    run("jobs/stylepipe", "dataset", "--input", SAMPLE, "--output", dataset, "--size", "320x240");
    run(
        "jobs/stylepipe",
        "stylize",
        "--input",
        SAMPLE,
        "--model",
        model,
        "--size",
        "160x120",
        "--write-frames",
        "true",
        "--output",
        stylized);
    run(
        "jobs/stylepipe",
        "dataset",
        "--input",
        SAMPLE,
        "--output",
        fewShot,
        "--layout",
        "fewshot",
        "--size",
        "160x120",
        "--sample",
        "every:5",
        "--keyframes",
        "every:50",
        "--flow-files",
        "false");
    run("jobs/notebooks", dataset, stylized, fewShot);
  }

  /** Runs a script of {@code jobs/} and fails with its output unless it exits with status 0. */
  private static void run(Object... command) throws IOException, InterruptedException {
    Files.createDirectories(OUT);
    List<String> words = new ArrayList<>();
    for (Object word : command) {
      words.add(word.toString());
    }
    Path log = OUT.resolve("step-" + (++steps) + ".log");
    Process process =
        new ProcessBuilder(words).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(process.waitFor(JOB_MINUTES, TimeUnit.MINUTES), words + " ran too long");
    assertEquals(0, process.exitValue(), words + " failed:\n" + Files.readString(log));
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (var paths = Files.walk(folder)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
