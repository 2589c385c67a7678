package org.stylepipe.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.testing.SequentialDecode;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The segment-parallel job writes exactly the frames of one sequential decode: same count,
 * timestamps and pixels, none missing, none twice — for constant and variable rates, boundaries
 * between keyframes, a segment length that does not divide the duration, a one-frame recording, and
 * every sampling rule.
 */
class SegmentParallelEquivalenceIT extends SparkTestBase {
  @TempDir Path dir;

  @Test
  void constantRateWithBoundariesBetweenKeyframes() throws Exception {
    // 100 frames at 25 fps = 4 s; keyframes every 2.4 s, so most 0.7 s grid points have none within
    // half a segment and stay where they are, between keyframes; 0.7 s does not divide 4 s.
    Path video = TestVideos.constantRate(dir.resolve("cfr.mp4"), 192, 108, 100, 25, 60);
    List<Long> keyframes = TestVideos.keyframeTimes(video);
    assertEquals(List.of(0L, 2_400_000L), keyframes);
    assertParallelEqualsSequential(video, "0.7", "all", 6);
  }

  @Test
  void boundariesMovedToKeyframes() throws Exception {
    // Keyframes every 0.48 s: each 0.7 s grid point has one within 0.35 s, where its segment
    // starts.
    Path video = TestVideos.constantRate(dir.resolve("cfr-keys.mp4"), 192, 108, 100, 25, 12);
    assertTrue(TestVideos.keyframeTimes(video).size() >= 8);
    assertParallelEqualsSequential(video, "0.7", "all", 5);
  }

  @Test
  void variableRate() throws Exception {
    Path video = TestVideos.variableRate(dir.resolve("vfr.mp4"), 160, 96, 80, 10);
    assertParallelEqualsSequential(video, "0.5", "all", 6);
  }

  @Test
  void oneFrameRecording() throws Exception {
    Path video = TestVideos.constantRate(dir.resolve("one.mp4"), 64, 48, 1, 30, 12);
    assertParallelEqualsSequential(video, "1", "all", 1);
  }

  @Test
  void everyNthAndTargetRateSampling() throws Exception {
    Path video = TestVideos.variableRate(dir.resolve("vfr-sampled.mp4"), 160, 96, 80, 10);
    assertParallelEqualsSequential(video, "0.4", "every:3", 8);
    assertParallelEqualsSequential(video, "0.4", "fps:7.5", 8);
  }

  @Test
  void bundledSampleWithBFrames() throws Exception {
    // Real x264 gameplay with B-frames (display order differs from decode order).
    Path video = Path.of("src/sample/gameplay.mp4");
    assertParallelEqualsSequential(video, "3.3", "every:4", 6);
  }

  @Test
  void jpegFramesAndTheirMirrorImages() throws Exception {
    // JPEG frames go from the decoder's YUV to the encoder's without BGR, mirrored ones too.
    Path video = Path.of("src/sample/gameplay.mp4");
    assertParallelEqualsSequential(video, "3.3", "every:8", 6, "jpeg", true);
  }

  private void assertParallelEqualsSequential(
      Path video, String segmentSeconds, String sample, int minSegments) throws Exception {
    assertParallelEqualsSequential(video, segmentSeconds, sample, minSegments, "png", false);
  }

  private void assertParallelEqualsSequential(
      Path video,
      String segmentSeconds,
      String sample,
      int minSegments,
      String format,
      boolean mirror)
      throws Exception {
    Path out =
        dir.resolve("out-" + video.getFileName() + "-" + sample.replace(':', '_') + "-" + format);
    DatasetConfig config =
        DatasetConfig.from(
            OptionMap.fromArgs(
                List.of(
                    "--input",
                    video.toString(),
                    "--output",
                    out.toString(),
                    "--segment-seconds",
                    segmentSeconds,
                    "--sample",
                    sample,
                    "--size",
                    "96x64",
                    "--format",
                    format,
                    "--mirror",
                    Boolean.toString(mirror))));
    DatasetSummary summary = DatasetJob.run(config, spark);

    assertEquals(List.of(), summary.errors());
    assertTrue(summary.segments() >= minSegments, "segments: " + summary.segments());
    List<String> expected = SequentialDecode.frames(video.toString(), config.frames(), false);
    assertTrue(!expected.isEmpty());
    assertEquals(expected, written(out, "original"));
    if (mirror) {
      assertEquals(
          SequentialDecode.frames(video.toString(), config.frames(), true),
          written(out, "mirrored"));
    }
    assertEquals(expected.size() * (mirror ? 2 : 1), summary.imagesWritten());
    for (Row row : spark.read().parquet(out.resolve("manifest").toString()).collectAsList()) {
      Path image = out.resolve(row.<String>getAs("path"));
      assertEquals((long) row.getAs("bytes"), Files.size(image), "size of " + image);
    }
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  /** "frameIndex ptsUs sha256" of the images of {@code variant} in the manifest, in order. */
  private List<String> written(Path out, String variant) {
    return spark
        .read()
        .parquet(out.resolve("manifest").toString())
        .where(functions.col("variant").equalTo(variant))
        .orderBy("frame_index")
        .collectAsList()
        .stream()
        .map(r -> r.getAs("frame_index") + " " + r.getAs("pts_us") + " " + r.getAs("sha256"))
        .collect(Collectors.toList());
  }
}
