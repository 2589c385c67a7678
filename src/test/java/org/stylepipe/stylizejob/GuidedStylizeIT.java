package org.stylepipe.stylizejob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.Sampling;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.ingest.IngestStage;
import org.stylepipe.ingest.PlanRule;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.report.RunLog;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;
import org.stylepipe.video.VideoStreams;

/**
 * The stylize job with noise guides, end to end with the few-shot test generator: a few-shot
 * dataset's sequences ({@code --dataset}), recordings whose guides it makes itself ({@code --input
 * --guide noise}), and the bad inputs it refuses before any task.
 */
class GuidedStylizeIT extends SparkTestBase {
  private static final int WIDTH = 96;
  private static final int HEIGHT = 64;
  private static final int FRAMES = 24;
  private static final List<String> GUIDE_OPTIONS = List.of("--keyframes", "every:10");

  @TempDir Path dir;

  @Test
  void aDatasetsSequencesAreStylizedFrameByFrameWithTheirGuides() throws Exception {
    Path clip = TestVideos.withTone(dir.resolve("clip.mp4"), WIDTH, HEIGHT, FRAMES, 30, 10);
    Path dataset = dataset(clip, "--segment-seconds", "0.5");
    Path model = fewShotModel();
    Path out = dir.resolve("out");
    StylizeSummary summary =
        StylizeJob.run(
            config(
                "--dataset",
                dataset.toString(),
                "--model",
                model.toString(),
                "--guide",
                "noise:r10_s15",
                "--output",
                out.toString(),
                "--segment-seconds",
                "0.3"),
            spark);
    assertTrue(summary.errors().isEmpty(), summary.toText());
    assertEquals(2 * FRAMES, summary.framesStylized());
    assertEquals(2, summary.videos());
    // Flicker against each sequence's own frames: every frame but the first of each sequence.
    assertEquals(2 * (FRAMES - 1), summary.flicker().frames(), summary.toText());
    assertTrue(summary.flicker().output() > summary.flicker().input(), summary.toText());
    List<Frame> source = StylizeJobIT.decode(clip);
    for (String sequence : List.of("clip", "clip-mirrored")) {
      Path video = out.resolve("stylized/" + sequence + ".mp4");
      List<Frame> stylized = StylizeJobIT.decode(video);
      assertEquals(FRAMES, stylized.size(), sequence);
      for (int i = 0; i < FRAMES; i++) {
        assertEquals(source.get(i).timestamp, stylized.get(i).timestamp, sequence + " frame " + i);
        assertTrue(
            Files.isRegularFile(
                out.resolve(String.format("stylized/%s/frames/%08d.png", sequence, i))));
      }
      assertEquals(sequence.equals("clip"), hasAudio(video), sequence + " has the source's sound");
    }

    // A rerun resumes: a lost segment commit is redone alone, the videos are the same.
    byte[] joined = Files.readAllBytes(out.resolve("stylized/clip-mirrored.mp4"));
    Files.delete(out.resolve("manifest/recording_id=clip-mirrored/segment-00001.parquet"));
    Files.delete(out.resolve("_SUCCESS"));
    StylizeSummary resumed =
        StylizeJob.run(
            config(
                "--dataset",
                dataset.toString(),
                "--model",
                model.toString(),
                "--guide",
                "noise:r10_s15",
                "--output",
                out.toString(),
                "--segment-seconds",
                "0.3"),
            spark);
    assertEquals(summary.segments(), resumed.segments(), resumed.toText());
    assertEquals(1, resumed.segmentsProcessed(), resumed.toText());
    assertEquals(2 * FRAMES, resumed.framesStylized(), resumed.toText());
    assertTrue(resumed.errors().isEmpty(), resumed.toText());
    assertArrayEquals(joined, Files.readAllBytes(out.resolve("stylized/clip-mirrored.mp4")));

    // No seam where segments meet: one segment per sequence gives the same stylized frames.
    Path whole = dir.resolve("whole");
    StylizeJob.run(
        config(
            "--dataset",
            dataset.toString(),
            "--model",
            model.toString(),
            "--guide",
            "noise:r10_s15",
            "--output",
            whole.toString(),
            "--segment-seconds",
            "10",
            "--video",
            "false"),
        spark);
    for (String sequence : List.of("clip", "clip-mirrored")) {
      for (int i = 0; i < FRAMES; i++) {
        String frame = String.format("stylized/%s/frames/%08d.png", sequence, i);
        assertArrayEquals(
            png(out.resolve(frame)),
            png(whole.resolve(frame)),
            frame + " is a segment's either way");
      }
    }

    // The same frames with a black guide: the noise guides change every frame.
    Path black = dir.resolve("black");
    StylizeJob.run(
        config(
            "--input",
            clip.toString(),
            "--model",
            model.toString(),
            "--guide",
            "black",
            "--write-frames",
            "true",
            "--output",
            black.toString()),
        spark);
    for (int i = 0; i < FRAMES; i++) {
      String frame = String.format("stylized/clip/frames/%08d.png", i);
      assertTrue(
          StylizeJobIT.meanDifference(png(out.resolve(frame)), png(black.resolve(frame))) > 2,
          "frame " + i + " differs from the black guide's");
    }
  }

  @Test
  void recordingsGetTheGuidesTheDatasetJobMakesAndAVideoWithEveryFrameAndSound() throws Exception {
    Path clip = TestVideos.withTone(dir.resolve("clip.mp4"), WIDTH, HEIGHT, FRAMES, 30, 10);
    Path reference = dataset(clip, "--mirror", "false", "--flow-files", "false");

    // The guide pass of the stylize job, kept: byte-identical to the dataset job's guides.
    StylizeConfig guided =
        config(
            "--input",
            clip.toString(),
            "--model",
            fewShotModel().toString(),
            "--guide",
            "noise",
            "--output",
            dir.resolve("guides").toString(),
            "--segment-seconds",
            "0.3",
            "--keyframes",
            "every:10");
    OutputLayout work = new OutputLayout(dir.resolve("guides").toUri().toString());
    List<RecordingPlan> plans =
        IngestStage.run(
                JavaSparkContext.fromSparkContext(spark.sparkContext()),
                List.of(clip.toString()),
                new PlanRule(
                    guided.segmentMicros(),
                    Sampling.all(),
                    guided.noiseGuides().leadIn(),
                    false,
                    VideoStreams.DEFAULT))
            .plans();
    RecordingGuides.make(
        JavaSparkContext.fromSparkContext(spark.sparkContext()),
        plans,
        java.util.Map.of("clip", new int[] {WIDTH, HEIGHT}),
        guided.noiseGuides(),
        1,
        work,
        new RunLog());
    List<Path> guides = guides(reference);
    assertEquals(2 * FRAMES + 2 * 3, guides.size(), "two variants, 3 keyframes");
    for (Path guide : guides) {
      assertArrayEquals(
          Files.readAllBytes(guide),
          Files.readAllBytes(dir.resolve("guides").resolve(reference.relativize(guide))),
          guide.toString());
    }

    Path out = dir.resolve("out");
    StylizeSummary summary =
        StylizeJob.run(
            config(
                "--input",
                clip.toString(),
                "--model",
                fewShotModel().toString(),
                "--guide",
                "noise",
                "--output",
                out.toString(),
                "--segment-seconds",
                "0.3",
                "--keyframes",
                "every:10"),
            spark);
    assertTrue(summary.errors().isEmpty(), summary.toText());
    Path video = out.resolve("stylized/clip.mp4");
    List<Frame> source = StylizeJobIT.decode(clip);
    List<Frame> stylized = StylizeJobIT.decode(video);
    assertEquals(FRAMES, stylized.size());
    for (int i = 0; i < FRAMES; i++) {
      assertEquals(source.get(i).timestamp, stylized.get(i).timestamp, "frame " + i);
    }
    assertTrue(hasAudio(video));
    assertTrue(summary.flicker() != null && summary.flicker().frames() == FRAMES - 1);
    assertFalse(Files.exists(out.resolve("_stylepipe/guides")), "work files removed");
  }

  @Test
  void badInputIsRefusedBeforeAnyTaskAndNothingIsWritten() throws Exception {
    Path clip = TestVideos.constantRate(dir.resolve("clip.mp4"), WIDTH, HEIGHT, 12, 30, 10);
    Path dataset = dataset(clip);
    Path model = fewShotModel();
    Path out = dir.resolve("out");

    assertRefused(dataset, model, "noise:r5_s5", "noise:r5_s5: the noise guides of the few-shot");
    assertRefused(dataset, TestModels.file("mosaic.onnx"), "noise", "it takes no guide image");

    Path frames = dir.resolve("frames");
    DatasetJob.run(
        DatasetConfig.from(
            OptionMap.fromArgs(List.of("--input", clip.toString(), "--output", frames.toString()))),
        spark);
    assertRefused(frames, model, "noise", "it is not a few-shot dataset");

    Path guide = dataset.resolve("fewshot/clip_gen/input_gdisko_gauss_r10_s10");
    Path moved = Files.move(guide, dir.resolve("moved"));
    assertRefused(dataset, model, "noise", "noise guides its manifest lists are missing");
    Files.move(moved, guide);

    Files.delete(dataset.resolve("_SUCCESS"));
    assertRefused(dataset, model, "noise", "it is incomplete (no _SUCCESS)");
    assertFalse(Files.exists(out));
  }

  private void assertRefused(Path dataset, Path model, String guide, String reason) {
    Path out = dir.resolve("out");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StylizeJob.run(
                    config(
                        "--dataset",
                        dataset.toString(),
                        "--model",
                        model.toString(),
                        "--guide",
                        guide,
                        "--output",
                        out.toString()),
                    spark));
    assertTrue(e.getMessage().startsWith("Cannot "), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertFalse(Files.exists(out), "nothing written for " + reason);
  }

  /** A few-shot dataset of {@code clip} at the test size, keys every 10 frames. */
  private Path dataset(Path clip, String... options) throws Exception {
    Path out = dir.resolve("dataset-" + options.length);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input",
                clip.toString(),
                "--output",
                out.toString(),
                "--layout",
                "fewshot",
                "--size",
                WIDTH + "x" + HEIGHT));
    args.addAll(GUIDE_OPTIONS);
    args.addAll(List.of(options));
    DatasetJob.run(DatasetConfig.from(OptionMap.fromArgs(args)), spark);
    return out;
  }

  private Path fewShotModel() throws Exception {
    Path model = dir.resolve("fewshot_lighthouse.pt");
    if (!Files.exists(model)) {
      Files.copy(TestModels.file("fewshot_lighthouse.pt"), model);
      Files.writeString(
          dir.resolve("fewshot_lighthouse.pt.model.properties"), "range=-1..1\ninput.channels=6\n");
    }
    return model;
  }

  private static StylizeConfig config(String... options) {
    return StylizeConfig.from(OptionMap.fromArgs(List.of(options)));
  }

  private static List<Path> guides(Path dataset) throws Exception {
    try (Stream<Path> files = Files.walk(dataset.resolve("fewshot"))) {
      return files
          .filter(p -> p.getParent().getFileName().toString().startsWith("input_gdisko_gauss_"))
          .sorted()
          .toList();
    }
  }

  private static boolean hasAudio(Path video) throws Exception {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toString())) {
      grabber.start();
      return grabber.getAudioStream() >= 0;
    }
  }

  private static byte[] png(Path file) {
    try (org.bytedeco.opencv.opencv_core.Mat image =
        org.bytedeco.opencv.global.opencv_imgcodecs.imread(file.toString())) {
      byte[] bgr = new byte[image.cols() * image.rows() * 3];
      image.data().get(bgr);
      return bgr;
    }
  }
}
