package org.stylepipe.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.cli.StylePipe;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.stylizejob.StylizeJob;
import org.stylepipe.testing.ChildJvm;
import org.stylepipe.testing.OutputTree;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/** One writer per output, with real jobs: refusals before Spark starts, exit status 2. */
class SharedOutputIT extends SparkTestBase {
  @TempDir Path dir;

  @Test
  void stylizingIntoADatasetIsRefusedAndTheDatasetStaysByteIdentical() throws Exception {
    Path base = TestVideos.constantRate(dir.resolve("base.mp4"), 320, 240, 20, 20, 10);
    Path other = TestVideos.constantRate(dir.resolve("other.mp4"), 320, 240, 10, 20, 10);
    Path ds = dir.resolve("ds");
    DatasetJob.run(config("--input", base, "--output", ds, "--size", "320x240"), spark);
    String before = OutputTree.digest(ds);

    Path model = TestModels.file("mosaic.onnx");
    List<String> stylize =
        List.of(
            "stylize",
            "--input",
            other.toString(),
            "--model",
            model.toString(),
            "--output",
            ds.toString(),
            "--size",
            "160x90");
    Run refused = cli(stylize);
    assertEquals(StylePipe.USAGE, refused.status(), refused.err());
    assertTrue(refused.err().contains("it holds the output of stylepipe dataset"), refused.err());
    assertEquals(before, OutputTree.digest(ds), "the dataset is untouched");

    StylizeJob.run(
        StylizeConfig.from(
            OptionMap.fromArgs(
                List.of(
                    "--input",
                    other.toString(),
                    "--model",
                    model.toString(),
                    "--output",
                    ds.toString(),
                    "--size",
                    "160x90",
                    "--overwrite",
                    "true"))),
        spark);
    assertFalse(Files.exists(ds.resolve("frames")), "the dataset's images are gone");
    assertTrue(Files.isRegularFile(ds.resolve("stylized/other.mp4")));

    DatasetJob.run(
        config("--input", base, "--output", ds, "--size", "320x240", "--overwrite", "true"), spark);
    assertFalse(Files.exists(ds.resolve("stylized")), "the stylize job's videos are gone");
    assertFalse(Files.exists(ds.resolve("flicker")), "the stylize job's flicker rows are gone");
    assertTrue(Files.isRegularFile(ds.resolve("_SUCCESS")));
  }

  @Test
  void aSecondJobOnAnOutputBeingWrittenIsRefusedNamingTheFirst() throws Exception {
    Path clip = TestVideos.constantRate(dir.resolve("clip.mp4"), 160, 120, 20, 20, 10);
    for (int round = 0; round < 2; round++) {
      Path out = dir.resolve("shared " + round);
      Path release = dir.resolve("release-" + round);
      List<String> first =
          new ArrayList<>(
              List.of(
                  "-D" + FaultInjection.HOLD + "=clip/0",
                  "-D" + FaultInjection.RELEASE + "=" + release,
                  StylePipe.class.getName(),
                  "dataset",
                  "--master",
                  "local[1]",
                  "--input",
                  clip.toString(),
                  "--output",
                  out.toString(),
                  "--size",
                  "64x48"));
      Process holder = ChildJvm.start(first, dir.resolve("first-" + round + ".log"), Map.of());
      Path lease = out.resolve("_stylepipe/lease-00000001.json");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!Files.exists(out.resolve("_stylepipe/output.json")) && holder.isAlive()) {
        assertTrue(System.nanoTime() < deadline, "the first job claims its output in time");
        Thread.sleep(50);
      }
      String run = LeaseHolder.fromJson(Files.readAllBytes(lease)).run();
      for (String size : List.of("64x48", "32x24", "64x48", "32x24", "64x48")) {
        Run second =
            cli(
                List.of(
                    "dataset",
                    "--input",
                    clip.toString(),
                    "--output",
                    out.toString(),
                    "--size",
                    size));
        assertEquals(StylePipe.USAGE, second.status(), second.err());
        assertTrue(
            second.err().contains("the dataset run " + run + " of ")
                && second.err().contains("(process " + holder.pid() + ")"),
            second.err());
      }
      Files.createFile(release);
      assertTrue(holder.waitFor(180, TimeUnit.SECONDS));
      assertEquals(0, holder.exitValue(), Files.readString(dir.resolve("first-" + round + ".log")));
      assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")));
      assertTrue(LeaseHolder.fromJson(Files.readAllBytes(lease)).released());
    }
  }

  private static DatasetConfig config(Object... args) {
    List<String> strings = new ArrayList<>();
    for (Object arg : args) {
      strings.add(arg.toString());
    }
    return DatasetConfig.from(OptionMap.fromArgs(strings));
  }

  /** The exit status and standard error of the command line run in this JVM. */
  private record Run(int status, String err) {}

  private static synchronized Run cli(List<String> args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new Run(StylePipe.run(args), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
