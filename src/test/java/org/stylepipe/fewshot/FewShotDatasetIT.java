package org.stylepipe.fewshot;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.cli.StylePipe;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.dataset.DatasetSummary;
import org.stylepipe.guides.FlowField;
import org.stylepipe.guides.FlowFile;
import org.stylepipe.guides.FlowSource;
import org.stylepipe.guides.GaussRenderer;
import org.stylepipe.guides.KeySpan;
import org.stylepipe.guides.PointSet;
import org.stylepipe.guides.PointTracks;
import org.stylepipe.guides.ReferenceLoader;
import org.stylepipe.guides.SyntheticFrames;
import org.stylepipe.guides.TrackAdvector;
import org.stylepipe.testing.ChildJvm;
import org.stylepipe.testing.DatasetSnapshot;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The dataset job in the few-shot layout on a camera pan of known motion: the camera moves by (DX,
 * DY) pixels a frame, so content moves by (-DX, -DY). Three segments of 10 frames, keyframes 1, 11
 * and 21 (two of them at segment starts), painted keyframes copied in.
 */
class FewShotDatasetIT extends SparkTestBase {
  private static final int W = 160;
  private static final int H = 120;
  private static final int FRAMES = 30;
  private static final int DX = 2;
  private static final int DY = 1;
  private static final int BORDER = 16;
  private static final List<Integer> KEYS = List.of(1, 11, 21);
  private static final List<String> NOISE =
      List.of("input_gdisko_gauss_r10_s10", "input_gdisko_gauss_r10_s15");

  @TempDir static Path dir;
  static Path video;
  static Path out;
  static DatasetSummary summary;

  @BeforeAll
  static void runJob() throws Exception {
    video =
        TestVideos.ofFrames(
            dir.resolve("pan.mp4"), SyntheticFrames.panned(W, H, FRAMES, DX, DY, 5), 10, 5);
    Path paintings = Files.createDirectories(dir.resolve("painted/pan"));
    for (int key : KEYS) {
      try (Mat painting =
          new Mat(
              H, W, org.bytedeco.opencv.global.opencv_core.CV_8UC3, new Scalar(key, 80, 200, 0))) {
        imwrite(paintings.resolve(String.format("%03d.png", key)).toString(), painting);
      }
    }
    out = dir.resolve("out");
    summary =
        DatasetJob.run(
            config(out, "1", "--keyframes-from", dir.resolve("painted").toString()), spark);
  }

  @Test
  void writesEveryFrameWithItsMaskFlowsAndNoiseInBothSequences() throws Exception {
    assertEquals(List.of(), summary.errors());
    assertEquals(3, summary.segments());
    assertEquals(2 * FRAMES, summary.imagesWritten());
    for (String sequence : List.of("pan", "pan-mirrored")) {
      Path gen = out.resolve("fewshot/" + sequence + "_gen");
      Path train = out.resolve("fewshot/" + sequence + "_train");
      assertEquals(FRAMES, count(gen.resolve("input")));
      assertEquals(FRAMES, count(gen.resolve("mask")));
      assertEquals(FRAMES - 1, count(gen.resolve("flow_fwd")));
      assertEquals(FRAMES - 1, count(gen.resolve("flow_bwd")));
      for (String noise : NOISE) {
        assertEquals(FRAMES, count(gen.resolve(noise)));
        assertEquals(KEYS.size(), count(train.resolve(noise)));
      }
      for (String folder : List.of("input", "mask", "output")) {
        assertEquals(KEYS.size(), count(train.resolve(folder)), sequence + " " + folder);
      }
    }
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertFalse(
        Files.exists(out.resolve("_stylepipe/fewshot")), "work files are removed at the end");
  }

  @Test
  void manifestListsEachFrameWithTheRelativePathsOfItsGuides() throws Exception {
    List<Row> rows = spark.read().parquet(out.resolve("manifest").toString()).collectAsList();
    assertEquals(2 * FRAMES, rows.size());
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (Row row : rows) {
      int number = row.getAs("number");
      String sequence = row.getAs("variant").equals("original") ? "pan" : "pan-mirrored";
      assertEquals(sequence, row.getAs("sequence"));
      assertEquals(FRAMES, (int) row.getAs("sequence_length"));
      assertEquals(
          number - 1, (long) row.getAs("frame_index"), "one kept frame per frame, numbered from 1");
      assertEquals(KEYS.contains(number), row.getAs("keyframe"));
      String path = row.getAs("path");
      assertEquals(String.format("fewshot/%s_gen/input/%03d.png", sequence, number), path);
      assertEquals(
          row.getAs("sha256"),
          HexFormat.of().formatHex(sha256.digest(Files.readAllBytes(out.resolve(path)))));
      assertTrue(Files.isRegularFile(out.resolve(row.<String>getAs("mask_path"))));
      String forward = row.getAs("flow_fwd_path");
      String backward = row.getAs("flow_bwd_path");
      assertEquals(number > 1, forward != null, "frame " + number);
      assertEquals(number < FRAMES, backward != null, "frame " + number);
      for (String flow : new String[] {forward, backward}) {
        assertTrue(flow == null || Files.isRegularFile(out.resolve(flow)), flow);
      }
      Map<String, String> noise = row.getJavaMap(row.fieldIndex("noise_paths"));
      assertEquals(List.of("r10_s10", "r10_s15"), noise.keySet().stream().sorted().toList());
      noise.values().forEach(p -> assertTrue(Files.isRegularFile(out.resolve(p)), p));
    }
  }

  @Test
  void theManifestAndTheEmptyErrorsTablePrintAsCsv() throws Exception {
    List<String> lines = csv(out.resolve("manifest"));
    assertEquals(1 + 2 * FRAMES, lines.size());
    List<String> header = List.of(lines.get(0).split(","));
    assertEquals("source", header.get(0));
    assertEquals("recording_id", header.get(header.size() - 1), "the partition column comes last");
    String row =
        lines.stream().filter(l -> l.contains("pan_gen/input/011.png")).findFirst().orElseThrow();
    assertTrue(
        row.contains(
            "\"{\"\"r10_s10\"\":\"\"fewshot/pan_gen/input_gdisko_gauss_r10_s10/011.png\"\","),
        row);
    assertTrue(row.endsWith(",pan"), row);
    assertEquals(List.of("source,recording_id,stage,segment,reason"), csv(out.resolve("errors")));
  }

  /** The lines {@code stylepipe table PATH} prints. */
  private static List<String> csv(Path table) throws Exception {
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.out;
    System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertEquals(StylePipe.OK, StylePipe.run(List.of("table", table.toString())));
    } finally {
      System.setOut(old);
    }
    return List.of(printed.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n"));
  }

  @Test
  void flowFilesRecoverTheShiftWithinAQuarterPixelInTheInterior() throws Exception {
    for (int number : new int[] {2, 10, 11, 21, 30}) {
      assertTrue(maxError(flow("flow_fwd", number), DX, DY) < 0.25, "forward flow of " + number);
      assertTrue(
          maxError(flow("flow_bwd", number - 1), -DX, -DY) < 0.25,
          "backward flow of " + (number - 1));
    }
  }

  @Test
  void noisePointsFollowTheContentAcrossSegmentSeams() throws Exception {
    // The points of key 11, tracked through the job's flow files, against the true motion.
    FlowSource flows =
        new FlowSource() {
          @Override
          public FlowField forward(int frame) throws java.io.IOException {
            return flow("flow_fwd", frame);
          }

          @Override
          public FlowField backward(int frame) throws java.io.IOException {
            return flow("flow_bwd", frame);
          }
        };
    PointTracks tracks;
    try (Mat mask =
        imread(out.resolve("fewshot/pan_gen/mask/011.png").toString(), IMREAD_UNCHANGED)) {
      tracks =
          TrackAdvector.track(PointSet.seed(mask, 10, 1, 11), 11, new KeySpan(1, FRAMES), flows);
    }
    float[] start = tracks.at(11);
    int checked = 0;
    for (int i = 0; i < tracks.size(); i++) {
      if (!staysInside(start[2 * i], start[2 * i + 1], 11)) {
        continue;
      }
      checked++;
      for (int frame = 1; frame <= FRAMES; frame++) {
        float[] xy = tracks.at(frame);
        double error =
            Math.hypot(
                xy[2 * i] - (start[2 * i] - DX * (frame - 11)),
                xy[2 * i + 1] - (start[2 * i + 1] - DY * (frame - 11)));
        assertTrue(error < 1, "point " + i + " in frame " + frame + " is " + error + " px off");
      }
    }
    assertTrue(checked > 10, checked + " points checked");

    // The written noise, warped by the true motion, against noise drawn independently for each
    // frame.
    double[] coherent = new double[FRAMES + 1];
    double[] independent = new double[FRAMES + 1];
    GaussRenderer renderer = new GaussRenderer(W, H, 10);
    byte[] previousIndependent = null;
    try (Mat image = new Mat();
        Mat full = new Mat(H, W, CV_8UC1, new Scalar(255))) {
      for (int frame = 1; frame <= FRAMES; frame++) {
        renderer.render(
            List.of(
                TrackAdvector.track(
                    PointSet.seed(full, 10, 7, frame), frame, new KeySpan(frame, frame), flows)),
            frame,
            image);
        byte[] drawn = bytes(image);
        if (frame > 1) {
          coherent[frame] = warpingError(noise(frame - 1), noise(frame));
          independent[frame] = warpingError(previousIndependent, drawn);
        }
        previousIndependent = drawn;
      }
    }
    double inside = 0;
    double independentMean = 0;
    int n = 0;
    for (int frame = 2; frame <= FRAMES; frame++) {
      independentMean += independent[frame] / (FRAMES - 1);
      if (frame != 11 && frame != 21) {
        inside += coherent[frame];
        n++;
      }
    }
    inside /= n;
    assertTrue(
        inside < 0.1 * independentMean, "noise warping error " + inside + " vs " + independentMean);
    for (int seam : new int[] {11, 21}) {
      assertTrue(
          coherent[seam] <= 1.5 * inside + 0.5,
          "warping error "
              + coherent[seam]
              + " at seam frame "
              + seam
              + ", "
              + inside
              + " inside segments");
    }
  }

  @Test
  void theMirroredSequenceMirrorsFramesMasksNoiseAndFlows() throws Exception {
    for (int number : new int[] {1, 11, 17}) {
      String name = String.format("%03d.png", number);
      for (String folder : List.of("input", "mask", NOISE.get(0), NOISE.get(1))) {
        try (Mat original =
                imread(
                    out.resolve("fewshot/pan_gen/" + folder + "/" + name).toString(),
                    IMREAD_UNCHANGED);
            Mat mirrored =
                imread(
                    out.resolve("fewshot/pan-mirrored_gen/" + folder + "/" + name).toString(),
                    IMREAD_UNCHANGED);
            Mat flipped = new Mat()) {
          org.bytedeco.opencv.global.opencv_core.flip(original, flipped, 1);
          assertArrayEquals(bytes(flipped), bytes(mirrored), folder + " " + name);
        }
      }
      FlowField original = flow("flow_fwd", number + 1);
      FlowField mirrored =
          FlowFile.decode(
              Files.readAllBytes(
                  out.resolve(
                      String.format("fewshot/pan-mirrored_gen/flow_fwd/%03d.A2V2f", number + 1))));
      assertEquals(-original.dx(5, 7), mirrored.dx(W - 1 - 5, 7));
      assertEquals(original.dy(5, 7), mirrored.dy(W - 1 - 5, 7));
    }
  }

  @Test
  void theLayoutLoadsByTheReferenceTrainersRules() throws Exception {
    for (String sequence : List.of("pan", "pan-mirrored")) {
      Path train = out.resolve("fewshot/" + sequence + "_train");
      List<Path> training = ReferenceLoader.training(train, "input", NOISE);
      assertEquals(KEYS.size() * (3 + NOISE.size()), training.size());
      Path gen = ReferenceLoader.genRoot(train);
      assertEquals(
          FRAMES * (1 + NOISE.size()), ReferenceLoader.generation(gen, "input", NOISE).size());
      assertEquals(2 * (FRAMES - 1), ReferenceLoader.flows(gen, "%03d", 1, FRAMES).size());
      for (Path file : training) {
        try (Mat image = imread(file.toString(), IMREAD_UNCHANGED)) {
          assertEquals(W, image.cols(), file.toString());
          assertEquals(H, image.rows(), file.toString());
          assertEquals(
              file.getParent().getFileName().toString().equals("mask") ? 1 : 3,
              image.channels(),
              file.toString());
        }
      }
    }
    try (Mat painted = imread(out.resolve("fewshot/pan_train/output/011.png").toString());
        Mat mirrored =
            imread(out.resolve("fewshot/pan-mirrored_train/output/011.png").toString())) {
      assertArrayEquals(
          new byte[] {11, 80, (byte) 200}, java.util.Arrays.copyOf(bytes(painted), 3));
      assertEquals(W, mirrored.cols());
    }
  }

  @Test
  void sameInputsGiveByteIdenticalGuidesWhateverTheSegmentsAndCores() throws Exception {
    Path otherSegments = dir.resolve("out-0.7s");
    DatasetJob.run(config(otherSegments, "0.7"), spark);
    Path oneCore = dir.resolve("out-1core");
    Path log = dir.resolve("one-core.log");
    List<String> args =
        new ArrayList<>(List.of(StylePipe.class.getName(), "dataset", "--master", "local[1]"));
    args.addAll(arguments(oneCore, "1.3"));
    Process child = ChildJvm.start(args, log, Map.of());
    assertTrue(child.waitFor(5, TimeUnit.MINUTES), "one-core run finished");
    assertEquals(0, child.exitValue(), Files.readString(log));

    List<String> expected = guides(out);
    int perSequence =
        FRAMES * (2 + NOISE.size()) + 2 * (FRAMES - 1) + KEYS.size() * (2 + NOISE.size());
    assertEquals(2 * perSequence, expected.size());
    assertEquals(expected, guides(otherSegments), "0.7 s segments");
    assertEquals(expected, guides(oneCore), "one core, 1.3 s segments");
  }

  @Test
  void aRerunResumesAndEndsWithTheSameDataset() throws Exception {
    Path resumed = dir.resolve("out-resumed");
    DatasetJob.run(config(resumed, "1"), spark);
    List<String> files = DatasetSnapshot.files(resumed, "fewshot");
    List<String> rows = DatasetSnapshot.manifest(spark, resumed);
    Files.delete(resumed.resolve("manifest/recording_id=pan/segment-00001.parquet"));
    Files.delete(resumed.resolve("_SUCCESS"));
    DatasetSummary rerun = DatasetJob.run(config(resumed, "1"), spark);

    assertEquals(1, rerun.segmentsProcessed());
    assertEquals(files, DatasetSnapshot.files(resumed, "fewshot"));
    assertEquals(rows, DatasetSnapshot.manifest(spark, resumed));
  }

  /**
   * Frames, masks, flows and noise of both sequences (painted outputs aside), with their checksums.
   */
  private static List<String> guides(Path output) throws Exception {
    return DatasetSnapshot.files(output, "fewshot").stream()
        .filter(line -> !line.contains("/output/"))
        .toList();
  }

  private static DatasetConfig config(Path output, String segmentSeconds, String... more) {
    List<String> args = new ArrayList<>(arguments(output, segmentSeconds));
    args.addAll(List.of(more));
    return DatasetConfig.from(OptionMap.fromArgs(args));
  }

  private static List<String> arguments(Path output, String segmentSeconds) {
    return List.of(
        "--input",
        video.toString(),
        "--output",
        output.toString(),
        "--layout",
        "fewshot",
        "--size",
        W + "x" + H,
        "--segment-seconds",
        segmentSeconds,
        "--keyframes",
        "every:10",
        "--mask",
        "luma:60");
  }

  private static FlowField flow(String folder, int number) throws java.io.IOException {
    return FlowFile.decode(
        Files.readAllBytes(
            out.resolve(String.format("fewshot/pan_gen/%s/%03d.A2V2f", folder, number))));
  }

  private static byte[] noise(int number) {
    try (Mat image =
        imread(
            out.resolve(String.format("fewshot/pan_gen/%s/%03d.png", NOISE.get(0), number))
                .toString())) {
      return bytes(image);
    }
  }

  private static byte[] bytes(Mat image) {
    byte[] bytes = new byte[(int) (image.total() * image.channels())];
    image.data().get(bytes);
    return bytes;
  }

  /**
   * Mean absolute difference of frame t and frame t-1 moved by the true motion, in the interior.
   */
  private static double warpingError(byte[] previous, byte[] current) {
    double sum = 0;
    long n = 0;
    for (int y = BORDER; y < H - BORDER; y++) {
      for (int x = BORDER; x < W - BORDER; x++) {
        for (int c = 0; c < 3; c++) {
          sum +=
              Math.abs(
                  (current[((y - DY) * W + x - DX) * 3 + c] & 0xff)
                      - (previous[(y * W + x) * 3 + c] & 0xff));
          n++;
        }
      }
    }
    return sum / n;
  }

  private static boolean staysInside(float x, float y, int key) {
    for (int frame = 1; frame <= FRAMES; frame++) {
      float tx = x - DX * (frame - key);
      float ty = y - DY * (frame - key);
      if (tx < BORDER || tx > W - BORDER || ty < BORDER || ty > H - BORDER) {
        return false;
      }
    }
    return true;
  }

  private static double maxError(FlowField flow, float dx, float dy) {
    double max = 0;
    for (int y = BORDER; y < flow.height() - BORDER; y++) {
      for (int x = BORDER; x < flow.width() - BORDER; x++) {
        max = Math.max(max, Math.hypot(flow.dx(x, y) - dx, flow.dy(x, y) - dy));
      }
    }
    return max;
  }

  private static long count(Path folder) throws java.io.IOException {
    try (var files = Files.list(folder)) {
      return files.count();
    }
  }
}
