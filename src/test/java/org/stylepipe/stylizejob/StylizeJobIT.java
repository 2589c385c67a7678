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
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * The stylize job end to end: real decode, real DJL inference with the shared models, real H.264
 * and join.
 */
class StylizeJobIT extends SparkTestBase {
  private static final int WIDTH = 96;
  private static final int HEIGHT = 64;
  private static final int FRAMES = 45;

  @TempDir Path dir;

  @Test
  void stylizesEveryFrameIntoAVideoWithTheSourcesTimesAndAudio() throws Exception {
    Path clip = TestVideos.withTone(dir.resolve("clip.mp4"), WIDTH, HEIGHT, FRAMES, 30, 10);
    Path out = dir.resolve("out");
    StylizeSummary summary =
        StylizeJob.run(
            config(
                clip,
                out,
                TestModels.file("mosaic.onnx"),
                "--segment-seconds",
                "0.5",
                "--batch-size",
                "4",
                "--write-frames",
                "true"),
            spark);

    assertTrue(summary.errors().isEmpty(), summary.toText());
    assertEquals(3, summary.segments());
    assertEquals(FRAMES, summary.framesStylized());
    assertEquals(Map.of("cpu", (long) FRAMES), summary.framesByDevice());
    assertEquals(1, summary.videos());
    for (int segment = 0; segment < 3; segment++) {
      assertTrue(
          Files.isRegularFile(
              out.resolve(String.format("stylized/clip/segments/%05d.mp4", segment))));
    }

    List<Frame> source = decode(clip);
    List<Frame> stylized = decode(out.resolve("stylized/clip.mp4"));
    assertEquals(FRAMES, stylized.size());
    for (int i = 0; i < FRAMES; i++) {
      assertEquals(source.get(i).timestamp, stylized.get(i).timestamp, "time of frame " + i);
      assertTrue(
          meanDifference(TestVideos.pixels(source.get(i)), TestVideos.pixels(stylized.get(i))) > 20,
          "frame " + i + " is stylized");
      byte[] png = png(out.resolve(String.format("stylized/clip/frames/%08d.png", i)));
      // H.264 (4:2:0) loses ~7 levels on these tiny textured frames; a neighbouring frame differs
      // by ~40.
      double own = meanDifference(png, TestVideos.pixels(stylized.get(i)));
      double next =
          meanDifference(png, TestVideos.pixels(stylized.get(i == FRAMES - 1 ? i - 1 : i + 1)));
      assertTrue(
          own < 12 && own < next / 3,
          "video frame " + i + " is stylized frame " + i + ": " + own + ", " + next);
    }
    try (FFmpegFrameGrabber original = new FFmpegFrameGrabber(clip.toString());
        FFmpegFrameGrabber video =
            new FFmpegFrameGrabber(out.resolve("stylized/clip.mp4").toString())) {
      original.start();
      video.start();
      assertEquals(original.getVideoFrameRate(), video.getVideoFrameRate(), 1e-9);
      assertEquals(original.getLengthInTime(), video.getLengthInTime(), 30_000);
      assertTrue(video.hasAudio());
      assertEquals(original.getSampleRate(), video.getSampleRate());
    }

    List<Row> manifest = spark.read().parquet(out.resolve("manifest").toString()).collectAsList();
    assertEquals(FRAMES + 3 + 1, manifest.size());
    long withImages =
        manifest.stream()
            .filter(
                r ->
                    r.getAs("kind").equals("frame")
                        && r.getAs("path") != null
                        && r.getAs("device").equals("cpu"))
            .count();
    assertEquals(FRAMES, withImages);
    assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")));
    assertTrue(
        Files.readString(out.resolve("_stylepipe/stylize-summary.json"))
            .contains("\"frames_stylized\" : 45"));
  }

  @Test
  void aVideoCutOnTheKeyframeGridIsTheVideoOfOnePiece() throws Exception {
    // 25 frames/s: a keyframe interval of 50 frames, not a whole number of batches of 4.
    Path clip = TestVideos.constantRate(dir.resolve("clip25.mp4"), WIDTH, HEIGHT, 130, 25, 30);
    Path model = TestModels.file("mosaic.onnx");
    Path parts = dir.resolve("parts");
    Path whole = dir.resolve("whole");
    StylizeJob.run(config(clip, parts, model, "--segment-seconds", "2"), spark);
    StylizeSummary one =
        StylizeJob.run(config(clip, whole, model, "--segment-seconds", "20"), spark);
    assertEquals(1, one.segments(), one.toText());
    assertArrayEquals(
        Files.readAllBytes(whole.resolve("stylized/clip25.mp4")),
        Files.readAllBytes(parts.resolve("stylized/clip25.mp4")),
        "the video of 2 s segments is byte for byte the video of one");
  }

  @Test
  void aBadModelFailsOnTheDriverBeforeAnythingIsWritten() throws Exception {
    Path clip = TestVideos.constantRate(dir.resolve("clip.mp4"), WIDTH, HEIGHT, 10, 30, 10);
    Path model = dir.resolve("broken.pt");
    byte[] noise = new byte[4096];
    new Random(1).nextBytes(noise);
    Files.write(model, noise);
    Path out = dir.resolve("out");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> StylizeJob.run(config(clip, out, model), spark));
    assertTrue(e.getMessage().startsWith("Cannot load model " + model), e.getMessage());
    assertFalse(Files.exists(out));

    Path guided = copyWithProperties("fewshot_lighthouse.pt", "range=-1..1\ninput.channels=6\n");
    e =
        assertThrows(
            IllegalArgumentException.class, () -> StylizeJob.run(config(clip, out, guided), spark));
    assertTrue(e.getMessage().contains("--guide noise"), e.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void aSixChannelModelRunsWithABlackGuide() throws Exception {
    Path clip = TestVideos.constantRate(dir.resolve("clip.mp4"), WIDTH, HEIGHT, 12, 30, 10);
    Path model = copyWithProperties("fewshot_lighthouse.pt", "range=-1..1\ninput.channels=6\n");
    Path out = dir.resolve("out");
    StylizeSummary summary =
        StylizeJob.run(config(clip, out, model, "--guide", "black", "--batch-size", "5"), spark);
    assertTrue(summary.errors().isEmpty(), summary.toText());
    List<Frame> source = decode(clip);
    List<Frame> stylized = decode(out.resolve("stylized/clip.mp4"));
    assertEquals(12, stylized.size());
    for (int i = 0; i < stylized.size(); i++) {
      assertEquals(source.get(i).timestamp, stylized.get(i).timestamp);
      assertTrue(
          meanDifference(TestVideos.pixels(source.get(i)), TestVideos.pixels(stylized.get(i))) > 10,
          "frame " + i + " is stylized");
    }
  }

  private Path copyWithProperties(String name, String properties) throws Exception {
    Path model = Files.copy(TestModels.file(name), dir.resolve(name));
    Files.writeString(dir.resolve(name + ".model.properties"), properties);
    return model;
  }

  static StylizeConfig config(Path clip, Path out, Path model, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input",
                clip.toString(),
                "--output",
                out.toString(),
                "--model",
                model.toString()));
    args.addAll(List.of(options));
    return StylizeConfig.from(OptionMap.fromArgs(args));
  }

  /** Every frame of a video as BGR, with its time. */
  static List<Frame> decode(Path video) throws Exception {
    List<Frame> frames = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toString())) {
      grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
      grabber.start();
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        frames.add(frame.clone());
      }
    }
    return frames;
  }

  private static byte[] png(Path file) {
    try (Mat image = opencv_imgcodecs.imread(file.toString())) {
      byte[] bgr = new byte[image.cols() * image.rows() * 3];
      image.data().get(bgr);
      return bgr;
    }
  }

  static double meanDifference(byte[] a, byte[] b) {
    assertEquals(a.length, b.length);
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
    }
    return sum / (double) a.length;
  }
}
