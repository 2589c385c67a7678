package org.stylepipe.fewshot;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.dataset.DatasetSummary;
import org.stylepipe.guides.FlowField;
import org.stylepipe.guides.FlowFile;
import org.stylepipe.guides.SyntheticFrames;
import org.stylepipe.testing.DatasetSnapshot;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The few-shot layout's inputs: masks from the engine (mask tracks) and the faults they can have,
 * painted keyframes, sampled sequences and sequences longer than 999 frames.
 */
class FewShotInputsIT extends SparkTestBase {
  private static final int W = 128;
  private static final int H = 96;

  @TempDir Path dir;

  @Test
  void maskTracksGiveTheEngineMasksAndAMismatchedTrackFailsItsRecordingAlone() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    TestVideos.ofFrames(in.resolve("good.mp4"), SyntheticFrames.panned(W, H, 20, 1, 0, 1), 10, 5);
    TestVideos.ofFrames(in.resolve("good.mask.mp4"), squares(W, H, 20), 10, 5);
    TestVideos.ofFrames(in.resolve("short.mp4"), SyntheticFrames.panned(W, H, 20, 1, 0, 2), 10, 5);
    TestVideos.ofFrames(in.resolve("short.mask.mp4"), squares(W, H, 15), 10, 5);
    TestVideos.ofFrames(in.resolve("small.mp4"), SyntheticFrames.panned(W, H, 20, 1, 0, 3), 10, 5);
    TestVideos.ofFrames(in.resolve("small.mask.mp4"), squares(W / 2, H / 2, 20), 10, 5);
    TestVideos.ofFrames(in.resolve("folder.mp4"), SyntheticFrames.panned(W, H, 20, 1, 0, 4), 10, 5);
    Path folder = Files.createDirectories(in.resolve("folder.mask"));
    List<Mat> masks = squares(W, H, 20);
    for (int i = 0; i < masks.size(); i++) {
      imwrite(folder.resolve(String.format("%08d.png", i)).toString(), masks.get(i));
    }
    TestVideos.ofFrames(
        in.resolve("untracked.mp4"), SyntheticFrames.panned(W, H, 20, 1, 0, 5), 10, 5);
    Path out = dir.resolve("out");
    DatasetSummary summary = run(out, "--input", in.toString(), "--mask", "track");

    assertReason(summary, "short", "mask", "short.mask.mp4: it has 15 frames, the recording");
    assertReason(
        summary, "small", "mask", "small.mask.mp4: its frames are 64x48, the recording's 128x96");
    assertReason(summary, "untracked", "mask", "neither");
    assertEquals(3, summary.errors().size(), summary.errors().toString());
    for (String good : List.of("good", "folder")) {
      for (int number : new int[] {1, 8, 20}) {
        try (Mat mask =
            imread(
                out.resolve(String.format("fewshot/%s_gen/mask/%03d.png", good, number)).toString(),
                IMREAD_UNCHANGED)) {
          int[] square = square(number - 1, W, H);
          assertEquals(
              255,
              mask.ptr(square[1] + square[3] / 2, square[0] + square[2] / 2).get() & 0xff,
              good);
          assertEquals(0, mask.ptr(2, 2).get() & 0xff, good);
        }
      }
    }
    assertFalse(
        Files.exists(out.resolve("fewshot/short_gen")),
        "a recording with a bad track writes nothing");
  }

  @Test
  void paintedKeyframesAreCheckedAndAMissingFolderStopsTheJobBeforeItWrites() throws Exception {
    Path video =
        TestVideos.ofFrames(
            dir.resolve("clip.mp4"), SyntheticFrames.panned(W, H, 12, 1, 0, 6), 10, 5);
    Path painted = Files.createDirectories(dir.resolve("painted/clip"));
    try (Mat right = new Mat(H, W, CV_8UC3, new Scalar(0, 0, 255, 0));
        Mat wrong = new Mat(H / 2, W, CV_8UC3, new Scalar(0, 0, 255, 0))) {
      imwrite(painted.resolve("001.png").toString(), right);
      imwrite(painted.resolve("006.png").toString(), wrong);
    }
    Path out = dir.resolve("out");
    DatasetSummary summary =
        run(
            out,
            "--input",
            video.toString(),
            "--keyframes",
            "list:1,6,11",
            "--keyframes-from",
            dir.resolve("painted").toString());

    assertReason(
        summary,
        "clip",
        "keyframes",
        "Cannot find painted keyframes [" + painted.resolve("011.png"));
    assertReason(summary, "clip", "keyframes", "006.png: it is 128x48, the frames are 128x96");
    assertTrue(Files.isRegularFile(out.resolve("fewshot/clip_train/output/001.png")));
    assertTrue(Files.isRegularFile(out.resolve("fewshot/clip-mirrored_train/output/001.png")));
    assertFalse(Files.exists(out.resolve("fewshot/clip_train/output/006.png")));
    assertEquals(12, summary.framesDecoded(), "the dataset itself is complete");

    Path untouched = dir.resolve("untouched");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                run(
                    untouched,
                    "--input",
                    video.toString(),
                    "--keyframes-from",
                    dir.resolve("nowhere").toString()));
    assertEquals(
        "Cannot read painted keyframes from " + dir.resolve("nowhere") + ": it does not exist",
        e.getMessage());
    assertFalse(Files.exists(untouched), "nothing written");
  }

  @Test
  void aSampledSequenceNumbersAndFlowsTheKeptFramesOnly() throws Exception {
    Path video =
        TestVideos.ofFrames(
            dir.resolve("pan.mp4"), SyntheticFrames.panned(W, H, 21, 2, 0, 7), 10, 4);
    Path out = dir.resolve("out");
    DatasetSummary summary =
        run(
            out,
            "--input",
            video.toString(),
            "--sample",
            "every:3",
            "--segment-seconds",
            "0.5",
            "--mirror",
            "false",
            "--noise",
            "r10_s10");

    assertEquals(List.of(), summary.errors());
    List<Row> rows =
        spark.read().parquet(out.resolve("manifest").toString()).orderBy("number").collectAsList();
    assertEquals(7, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(i + 1, (int) rows.get(i).getAs("number"));
      assertEquals(3L * i, (long) rows.get(i).getAs("frame_index"));
    }
    // Kept frames are 3 frames apart: the content moves 6 px between consecutive numbers.
    FlowField flow =
        FlowFile.decode(Files.readAllBytes(out.resolve("fewshot/pan_gen/flow_fwd/004.A2V2f")));
    assertEquals(6, flow.dx(W / 2, H / 2), 0.25);
    assertEquals(0, flow.dy(W / 2, H / 2), 0.25);
  }

  @Test
  void withoutFlowFilesTheNoiseIsTheSameAndNoFlowIsKept() throws Exception {
    Path video =
        TestVideos.ofFrames(
            dir.resolve("pan.mp4"), SyntheticFrames.panned(W, H, 16, 2, 1, 8), 10, 4);
    Path with = dir.resolve("with");
    Path without = dir.resolve("without");
    run(with, "--input", video.toString());
    DatasetSummary summary = run(without, "--input", video.toString(), "--flow-files", "false");

    assertEquals(List.of(), summary.errors());
    assertFalse(Files.exists(without.resolve("fewshot/pan_gen/flow_fwd")));
    assertFalse(Files.exists(without.resolve("fewshot/pan-mirrored_gen/flow_bwd")));
    assertFalse(
        Files.exists(without.resolve("_stylepipe/fewshot")), "work flows are removed at the end");
    List<String> noise =
        DatasetSnapshot.files(with, "fewshot").stream().filter(f -> !f.contains("/flow_")).toList();
    assertEquals(noise, DatasetSnapshot.files(without, "fewshot"));
    for (Row row : spark.read().parquet(without.resolve("manifest").toString()).collectAsList()) {
      assertEquals(null, row.<String>getAs("flow_fwd_path"));
      assertEquals(null, row.<String>getAs("flow_bwd_path"));
    }
  }

  @Test
  void sequencesLongerThan999FramesAreNumberedWithMoreDigitsAcrossSegments() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("long.mp4"), 64, 48, 1003, 50, 50);
    Path out = dir.resolve("out");
    DatasetSummary summary =
        run(
            out,
            "--input",
            video.toString(),
            "--size",
            "64x48",
            "--segment-seconds",
            "5",
            "--mirror",
            "false",
            "--noise",
            "r10_s10",
            "--keyframes",
            "every:500");

    assertEquals(List.of(), summary.errors());
    assertEquals(5, summary.segments());
    List<String> names = new ArrayList<>();
    try (var files = Files.list(out.resolve("fewshot/long_gen/input"))) {
      files.forEach(f -> names.add(f.getFileName().toString()));
    }
    names.sort(null);
    assertEquals(1003, names.size());
    assertEquals("0001.png", names.get(0));
    assertEquals("1003.png", names.get(1002));
    assertTrue(Files.isRegularFile(out.resolve("fewshot/long_train/input/1001.png")));
    assertTrue(Files.isRegularFile(out.resolve("fewshot/long_gen/flow_bwd/1002.A2V2f")));
  }

  private DatasetSummary run(Path out, String... args) throws Exception {
    OptionMap defaults =
        OptionMap.fromArgs(
            List.of(
                "--output",
                out.toString(),
                "--layout",
                "fewshot",
                "--size",
                W + "x" + H,
                "--segment-seconds",
                "1",
                "--keyframes",
                "every:5"));
    return DatasetJob.run(
        DatasetConfig.from(defaults.overriddenBy(OptionMap.fromArgs(List.of(args)))), spark);
  }

  private static void assertReason(
      DatasetSummary summary, String recording, String stage, String reason) {
    for (ErrorRow error : summary.errors()) {
      if (recording.equals(error.recordingId())
          && stage.equals(error.stage())
          && error.reason().contains(reason)) {
        return;
      }
    }
    throw new AssertionError(
        "no " + stage + " error '" + reason + "' for " + recording + " in " + summary.errors());
  }

  /** Engine masks: a white square moving right on black. */
  private static List<Mat> squares(int width, int height, int frames) {
    List<Mat> masks = new ArrayList<>();
    for (int t = 0; t < frames; t++) {
      Mat mask = new Mat(height, width, CV_8UC3, new Scalar(0, 0, 0, 0));
      int[] s = square(t, width, height);
      try (Rect square = new Rect(s[0], s[1], s[2], s[3]);
          Scalar white = new Scalar(255, 255, 255, 0)) {
        opencv_imgproc.rectangle(mask, square, white, -1, opencv_imgproc.LINE_8, 0);
      }
      masks.add(mask);
    }
    return masks;
  }

  private static int[] square(int t, int width, int height) {
    return new int[] {width / 8 + 2 * t, height / 4, width / 4, height / 2};
  }
}
