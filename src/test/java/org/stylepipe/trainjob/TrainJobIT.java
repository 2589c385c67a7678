package org.stylepipe.trainjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.TrainConfig;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.guides.SyntheticFrames;
import org.stylepipe.stylize.NetShape;
import org.stylepipe.stylize.NpzReader;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The train job end to end on a real few-shot dataset (a 24-frame pan with its flow) and the real
 * mosaic teacher, stylizing on the Spark executors: a short training whose loss falls, a student
 * that loads and whose ONNX export matches it, a rerun that resumes, one with more steps that
 * trains on, and refusals that name the problem and write nothing.
 */
class TrainJobIT extends SparkTestBase {
  private static final int W = 96;
  private static final int H = 64;

  @TempDir static Path dir;
  static Path fewShot;

  @BeforeAll
  static void makeDataset() throws Exception {
    Path video =
        TestVideos.ofFrames(
            dir.resolve("pan.mp4"), SyntheticFrames.panned(W, H, 24, 2, 1, 9), 10, 5);
    fewShot = dir.resolve("fewshot");
    DatasetJob.run(
        DatasetConfig.from(
            OptionMap.fromArgs(
                List.of(
                    "--input",
                    video.toString(),
                    "--output",
                    fewShot.toString(),
                    "--layout",
                    "fewshot",
                    "--mirror",
                    "false",
                    "--noise",
                    "r10_s10",
                    "--size",
                    W + "x" + H,
                    "--segment-seconds",
                    "10"))),
        spark);
  }

  @Test
  void aShortTrainingLearnsTheTeacherExportsAMatchingOnnxModelAndResumes() throws Exception {
    Path output = dir.resolve("student");
    List<String> options = options(fewShot, output);
    TrainSummary summary = TrainJob.run(config(options), spark);

    assertTrue(summary.temporal(), "the few-shot dataset's flow feeds the temporal loss");
    assertEquals(24, summary.frames());
    assertTrue(summary.teacherStylized() > 0, summary.toText());
    assertEquals(0, summary.skipped(), summary.toText());
    assertTrue(
        summary.psnrAfter() > summary.psnrBefore() + 1,
        "the student gets closer to the teacher: " + summary.toText());
    assertTrue(summary.onnxMaxDifference() <= 2, summary.toText());
    assertEquals(
        new NetShape(4, 8, 16, 1),
        NetShape.of(NpzReader.read(output.resolve("student.npz")), "student.npz"));
    assertTrue(Files.size(output.resolve("student.onnx")) > 0);
    assertTrue(Files.isRegularFile(output.resolve("_SUCCESS")));
    assertTrue(Files.isRegularFile(output.resolve("report.html")));
    String report = Files.readString(output.resolve("report.html"));
    assertTrue(report.contains("<svg"), "the report draws the loss curves");

    TrainSummary again = TrainJob.run(config(options), spark);
    assertEquals(summary.steps(), again.resumedAt(), "a rerun resumes from the last checkpoint");
    assertEquals(0, again.teacherStylized(), "and keeps the teacher's outputs");

    List<String> longer = new ArrayList<>(options);
    longer.set(longer.indexOf("--steps") + 1, "30");
    TrainSummary extended = TrainJob.run(config(longer), spark);
    assertEquals(24, extended.resumedAt(), "a rerun with more steps trains on from the last one");
    assertEquals(30, extended.steps());
    assertEquals(0, extended.skipped(), extended.toText());

    List<String> shorter = new ArrayList<>(options);
    shorter.set(shorter.indexOf("--steps") + 1, "12");
    JobRefusedException tooFew =
        assertThrows(JobRefusedException.class, () -> TrainJob.run(config(shorter), spark));
    assertTrue(
        tooFew.getMessage().contains("30 steps done; give --steps 30 or more"),
        tooFew.getMessage());
    assertTrue(Files.isRegularFile(output.resolve("_SUCCESS")), "the refused run keeps it whole");

    List<String> other = new ArrayList<>(options);
    other.set(other.indexOf("--seed") + 1, "2");
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> TrainJob.run(config(other), spark));
    assertTrue(refused.getMessage().contains("other options"), refused.getMessage());
    assertTrue(Files.isRegularFile(output.resolve("student.npz")), "the refused run keeps it");
  }

  @Test
  void theTemporalLossNeedsADatasetWithFlow() throws Exception {
    Path frames = dir.resolve("frames");
    DatasetJob.run(
        DatasetConfig.from(
            OptionMap.fromArgs(
                List.of(
                    "--input",
                    dir.resolve("pan.mp4").toString(),
                    "--output",
                    frames.toString(),
                    "--size",
                    W + "x" + H))),
        spark);
    Path output = dir.resolve("noflow");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TrainJob.run(config(options(frames, output)), spark));
    assertTrue(e.getMessage().startsWith("Cannot train on "), e.getMessage());
    assertTrue(e.getMessage().contains("--temporal-weight 0"), e.getMessage());
    assertTrue(Files.notExists(output), "a refused run writes nothing");
  }

  @Test
  void aDatasetWithoutPairsBeforeTheHeldOutEndIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path output = dir.resolve("no-pairs");
    List<String> options = options(fewShot, output);
    options.addAll(List.of("--hold-out", "0.95"));
    JobRefusedException e =
        assertThrows(JobRefusedException.class, () -> TrainJob.run(config(options), spark));
    assertTrue(e.getMessage().contains("no two consecutive frames"), e.getMessage());
    assertTrue(e.getMessage().contains("--hold-out"), e.getMessage());
    assertTrue(Files.notExists(output), "a refused run writes nothing");
  }

  @Test
  void aTeacherThatDoesNotLoadIsNamed() throws Exception {
    Path broken = Files.write(dir.resolve("broken.npz"), new byte[] {1, 2, 3});
    List<String> options = options(fewShot, dir.resolve("broken-teacher"));
    options.set(options.indexOf("--teacher") + 1, broken.toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrainJob.run(config(options), spark));
    assertTrue(e.getMessage().startsWith("Cannot load teacher " + broken), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("broken-teacher")), "a refused run writes nothing");
  }

  private static List<String> options(Path dataset, Path output) {
    return new ArrayList<>(
        List.of(
            "--dataset",
            dataset.toString(),
            "--teacher",
            TestModels.file("mosaic.onnx").toString(),
            "--output",
            output.toString(),
            "--widths",
            "4,8,16",
            "--residual-blocks",
            "1",
            "--steps",
            "24",
            "--batch-size",
            "2",
            "--crop",
            "48",
            "--learning-rate",
            "0.01",
            "--checkpoint-every",
            "12",
            "--validate-every",
            "12",
            "--validation-pairs",
            "2",
            "--seed",
            "1",
            "--threads",
            "1"));
  }

  private static TrainConfig config(List<String> options) {
    return TrainConfig.from(OptionMap.fromArgs(options));
  }
}
