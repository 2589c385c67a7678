package org.stylepipe.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.dataset.DatasetSummary;
import org.stylepipe.stylize.TestModels;
import org.stylepipe.stylizejob.StylizeJob;
import org.stylepipe.stylizejob.StylizeSummary;
import org.stylepipe.testing.FfmpegCommand;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.TestVideos;

/**
 * Recordings and folders as people have them, made with the ffmpeg command: rotated recordings,
 * several video streams, outputs inside input folders.
 */
class RealWorldFilesIT extends SparkTestBase {
  @TempDir Path dir;

  @Test
  void aRotatedRecordingsFramesAreUprightAndEqualToFfmpegs() throws Exception {
    Path plain = TestVideos.constantRate(dir.resolve("plain.mp4"), 96, 64, 6, 10, 3);
    for (int degrees : new int[] {90, 180, 270}) {
      Path rotated = dir.resolve("rotated " + degrees + ".mp4");
      // -display_rotation is counter-clockwise: a phone held on its side records this way.
      FfmpegCommand.run(
          "-display_rotation",
          Integer.toString(degrees),
          "-i",
          plain.toString(),
          "-c",
          "copy",
          rotated.toString());
      Path ffmpegFrames = Files.createDirectories(dir.resolve("ffmpeg " + degrees));
      FfmpegCommand.run("-i", rotated.toString(), ffmpegFrames.resolve("%06d.png").toString());
      boolean quarter = degrees != 180;
      int width = quarter ? 64 : 96;
      int height = quarter ? 96 : 64;

      Path out = dir.resolve("out " + degrees);
      DatasetSummary summary =
          DatasetJob.run(
              config(
                  "--input",
                  rotated,
                  "--output",
                  out,
                  "--size",
                  width + "x" + height,
                  "--mirror",
                  "false"),
              spark);
      assertTrue(summary.errors().isEmpty(), summary.toText());
      @SuppressWarnings("unchecked")
      Map<String, Object> probed =
          ((List<Map<String, Object>>) summary.toMap().get("recordings_probed")).get(0);
      assertEquals(360 - degrees, probed.get("rotation"), probed.toString());
      assertEquals(width, probed.get("width"));
      assertUprightAsFfmpegShowsThem(out, ffmpegFrames, degrees, width, height);

      // JPEG frames are turned in YUV 4:2:0, plane by plane.
      Path jpegOut = dir.resolve("out jpeg " + degrees);
      DatasetSummary jpeg =
          DatasetJob.run(
              config(
                  "--input",
                  rotated,
                  "--output",
                  jpegOut,
                  "--size",
                  width + "x" + height,
                  "--format",
                  "jpeg",
                  "--mirror",
                  "false"),
              spark);
      assertTrue(jpeg.errors().isEmpty(), jpeg.toText());
      assertUprightAsFfmpegShowsThem(jpegOut, ffmpegFrames, degrees, width, height);
    }
  }

  private void assertUprightAsFfmpegShowsThem(
      Path out, Path ffmpegFrames, int degrees, int width, int height) {
    List<Row> rows =
        spark
            .read()
            .parquet(out.resolve("manifest").toString())
            .orderBy("frame_index")
            .collectAsList();
    assertEquals(6, rows.size());
    for (Row row : rows) {
      assertEquals(360 - degrees, (int) row.getAs("rotation"));
      assertEquals(width, (int) row.getAs("width"));
      assertEquals(height, (int) row.getAs("height"));
      long index = row.getAs("frame_index");
      try (Mat ours = opencv_imgcodecs.imread(out.resolve(row.<String>getAs("path")).toString());
          Mat theirs =
              opencv_imgcodecs.imread(
                  ffmpegFrames.resolve(String.format("%06d.png", index + 1)).toString())) {
        assertEquals(width, ours.cols(), "width of frame " + index);
        assertEquals(height, ours.rows());
        assertEquals(width, theirs.cols());
        double difference = meanDifference(ours, theirs);
        assertTrue(difference < 3, degrees + "° frame " + index + " differs by " + difference);
      }
    }
  }

  @Test
  void aRotatedRecordingIsStylizedUprightAndItsManifestSaysHowItWasTurned() throws Exception {
    Path plain = TestVideos.constantRate(dir.resolve("plain.mp4"), 96, 64, 6, 10, 3);
    Path rotated = dir.resolve("rotated.mp4");
    FfmpegCommand.run(
        "-display_rotation", "90", "-i", plain.toString(), "-c", "copy", rotated.toString());
    Path out = dir.resolve("stylized rotated");
    StylizeSummary summary =
        StylizeJob.run(
            StylizeConfig.from(
                OptionMap.fromArgs(
                    List.of(
                        "--input",
                        rotated.toString(),
                        "--model",
                        TestModels.file("mosaic.onnx").toString(),
                        "--output",
                        out.toString(),
                        "--flicker",
                        "false"))),
            spark);
    assertTrue(summary.errors().isEmpty(), summary.toText());
    List<Row> rows = spark.read().parquet(out.resolve("manifest").toString()).collectAsList();
    assertEquals(6 + 1 + 1, rows.size()); // frames, the segment video, the video
    for (Row row : rows) {
      assertEquals(270, (int) row.getAs("rotation"), row.toString());
      assertEquals(64, (int) row.getAs("width"));
      assertEquals(96, (int) row.getAs("height"));
    }
    try (FFmpegFrameGrabber video =
        new FFmpegFrameGrabber(out.resolve("stylized/rotated.mp4").toFile())) {
      video.start();
      assertEquals(64, video.getImageWidth());
      assertEquals(96, video.getImageHeight());
      assertEquals(0, video.getDisplayRotation(), "the stylized video is upright as stored");
    }
  }

  @Test
  void aRecordingWithTwoVideoStreamsUsesTheDefaultOneOrTheOneChosen() throws Exception {
    Path large = TestVideos.constantRate(dir.resolve("large.mp4"), 128, 96, 5, 10, 5);
    Path small = TestVideos.constantRate(dir.resolve("small.mp4"), 64, 48, 5, 10, 5);
    Path two = dir.resolve("two streams.mp4");
    // Stream #0 is the larger, stream #1 is marked default: ffmpeg maps #1.
    FfmpegCommand.run(
        "-i",
        large.toString(),
        "-i",
        small.toString(),
        "-map",
        "0:v",
        "-map",
        "1:v",
        "-c",
        "copy",
        "-disposition:v:0",
        "0",
        "-disposition:v:1",
        "default",
        two.toString());
    FfmpegCommand.run("-i", two.toString(), "-frames:v", "1", dir.resolve("ffmpeg.png").toString());
    try (Mat picked = opencv_imgcodecs.imread(dir.resolve("ffmpeg.png").toString())) {
      assertEquals(64, picked.cols(), "ffmpeg maps the default stream");
    }

    DatasetSummary summary =
        DatasetJob.run(
            config("--input", two, "--output", dir.resolve("default"), "--mirror", "false"), spark);
    assertTrue(summary.errors().isEmpty(), summary.toText());
    Map<String, Object> probed = probed(summary);
    assertEquals(1, probed.get("video_stream"));
    assertEquals(2, probed.get("video_streams"));
    assertEquals(64, probed.get("width"));

    DatasetSummary chosen =
        DatasetJob.run(
            config(
                "--input",
                two,
                "--output",
                dir.resolve("chosen"),
                "--mirror",
                "false",
                "--video-stream",
                "0"),
            spark);
    assertEquals(128, probed(chosen).get("width"));
    assertEquals(5, chosen.imagesWritten());

    DatasetSummary missing =
        DatasetJob.run(
            config("--input", two, "--output", dir.resolve("missing"), "--video-stream", "5"),
            spark);
    assertEquals(1, missing.errors().size());
    assertTrue(
        missing
            .errors()
            .get(0)
            .reason()
            .contains("Cannot use --video-stream 5: the video streams of"),
        missing.errors().get(0).reason());
  }

  @Test
  void anOutputInsideTheInputFolderIsNotReadOnRerun() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("recordings"));
    TestVideos.constantRate(folder.resolve("clip.mp4"), 64, 48, 6, 10, 3);
    Path model = TestModels.file("mosaic.onnx");
    for (int run = 0; run < 2; run++) {
      StylizeSummary stylized =
          StylizeJob.run(
              StylizeConfig.from(
                  OptionMap.fromArgs(
                      List.of(
                          "--input",
                          folder.toString(),
                          "--model",
                          model.toString(),
                          "--output",
                          folder.resolve("stylized out").toString(),
                          "--segment-seconds",
                          "0.3",
                          "--flicker",
                          "false"))),
              spark);
      assertEquals(1, stylized.recordings(), stylized.toText());
      assertTrue(stylized.errors().isEmpty(), stylized.toText());
    }
    assertTrue(Files.isRegularFile(folder.resolve("stylized out/stylized/clip.mp4")));
    try (Stream<Path> ids = Files.list(folder.resolve("stylized out/manifest"))) {
      assertEquals(
          List.of("recording_id=clip"),
          ids.map(p -> p.getFileName().toString())
              .filter(name -> name.startsWith("recording_id="))
              .toList());
    }
    for (int run = 0; run < 2; run++) {
      DatasetSummary dataset =
          DatasetJob.run(
              config("--input", folder + "/*", "--output", folder.resolve("ds"), "--size", "32x24"),
              spark);
      assertEquals(1, dataset.recordings(), dataset.toText());
    }
  }

  @Test
  void audioMp4HoldsNoStandardWayForIsLeftOutWithAJoinError() throws Exception {
    Path model = TestModels.file("mosaic.onnx");
    for (String[] audio :
        new String[][] {{"pcm.mov", "pcm_s16le"}, {"vorbis.mkv", "vorbis"}, {"aac.mp4", "aac"}}) {
      Path clip = dir.resolve(audio[0]);
      FfmpegCommand.run(
          "-f",
          "lavfi",
          "-i",
          "testsrc=size=64x48:rate=10",
          "-f",
          "lavfi",
          "-i",
          "sine=frequency=440:sample_rate=44100",
          "-t",
          "1",
          "-c:v",
          "libopenh264",
          "-c:a",
          audio[1],
          "-ac",
          "2",
          "-strict",
          "-2",
          clip.toString());
      StylizeSummary summary =
          StylizeJob.run(
              StylizeConfig.from(
                  OptionMap.fromArgs(
                      List.of(
                          "--input",
                          clip.toString(),
                          "--model",
                          model.toString(),
                          "--output",
                          dir.resolve("out " + audio[1]).toString(),
                          "--flicker",
                          "false"))),
              spark);
      assertEquals(1, summary.videos(), summary.toText());
      if (audio[1].equals("aac")) {
        assertTrue(summary.errors().isEmpty(), summary.toText());
      } else {
        assertEquals(1, summary.errors().size(), summary.toText());
        assertEquals("join", summary.errors().get(0).stage());
        assertTrue(
            summary
                .errors()
                .get(0)
                .reason()
                .contains("the stylized video has no sound: MP4 cannot hold its " + audio[1]),
            summary.errors().get(0).reason());
      }
    }
  }

  @Test
  void framesTooSmallToEncodeAreAClearError() throws Exception {
    Path tiny = dir.resolve("tiny.mp4");
    FfmpegCommand.run(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=2x2:rate=10",
        "-frames:v",
        "3",
        "-c:v",
        "mpeg4",
        tiny.toString());
    StylizeSummary summary =
        StylizeJob.run(
            StylizeConfig.from(
                OptionMap.fromArgs(
                    List.of(
                        "--input",
                        tiny.toString(),
                        "--model",
                        TestModels.file("mosaic.onnx").toString(),
                        "--output",
                        dir.resolve("tiny out").toString()))),
            spark);
    assertEquals(1, summary.errors().size(), summary.toText());
    assertTrue(
        summary.errors().get(0).reason().contains("Cannot encode 2x2 frames into")
            && summary
                .errors()
                .get(0)
                .reason()
                .contains("at least 16x16 pixels; stylize at a larger --size"),
        summary.errors().get(0).reason());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> probed(DatasetSummary summary) {
    return ((List<Map<String, Object>>) summary.toMap().get("recordings_probed")).get(0);
  }

  private static double meanDifference(Mat a, Mat b) {
    byte[] x = new byte[(int) (a.total() * 3)];
    byte[] y = new byte[(int) (b.total() * 3)];
    a.data().get(x);
    b.data().get(y);
    long sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
    }
    return (double) sum / x.length;
  }

  static DatasetConfig config(Object... args) {
    List<String> strings = new ArrayList<>();
    for (Object arg : args) {
      strings.add(arg.toString());
    }
    return DatasetConfig.from(OptionMap.fromArgs(strings));
  }
}
