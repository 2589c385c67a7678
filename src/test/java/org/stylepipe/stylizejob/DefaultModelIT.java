package org.stylepipe.stylizejob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.stylize.DefaultModel;
import org.stylepipe.stylize.ModelFile;
import org.stylepipe.testing.SparkTestBase;
import org.stylepipe.testing.StylizedSnapshot;
import org.stylepipe.testing.TestVideos;

/**
 * The stylize job without {@code --model} runs the bundled default model (no model fixtures
 * needed): real inference on the executors, the model named by its SHA-256 as any other, and a
 * rerun that resumes, also with the same model's bytes given as {@code --model}.
 */
class DefaultModelIT extends SparkTestBase {
  private static final int FRAMES = 30;

  @TempDir Path dir;

  @Test
  void stylizesWithTheDefaultModelAndResumes() throws Exception {
    Path clip = TestVideos.constantRate(dir.resolve("clip.mp4"), 96, 64, FRAMES, 30, 15);
    Path out = dir.resolve("out");
    StylizeSummary summary = StylizeJob.run(config(clip, out), spark);

    assertEquals(List.of(), summary.errors());
    assertEquals(2, summary.segments());
    assertEquals(FRAMES, summary.framesStylized());
    Path written = dir.resolve("bundled");
    String sha256 = ModelFile.sha256(DefaultModel.writeTo(written));
    assertEquals(sha256, summary.model().sha256());
    assertTrue(summary.model().uri().endsWith("/" + DefaultModel.NAME), summary.model().uri());
    List<Frame> source = StylizeJobIT.decode(clip);
    List<Frame> stylized = StylizeJobIT.decode(out.resolve("stylized/clip.mp4"));
    assertEquals(FRAMES, stylized.size());
    for (int i = 0; i < FRAMES; i++) {
      double difference =
          StylizeJobIT.meanDifference(
              TestVideos.pixels(source.get(i)), TestVideos.pixels(stylized.get(i)));
      assertTrue(difference > 20, "frame " + i + " is stylized: " + difference);
    }
    String report = Files.readString(out.resolve("report.json"));
    assertTrue(report.contains("\"model\" : \"default: " + DefaultModel.NAME + "\""), report);

    // As a driver killed mid-job leaves it: segment 1 not committed, no joined video.
    List<String> clean = StylizedSnapshot.frames(out.resolve("stylized/clip.mp4").toString());
    Files.delete(out.resolve("manifest/recording_id=clip/segment-00001.parquet"));
    Files.delete(out.resolve("stylized/clip/segments/00001.mp4"));
    Files.delete(out.resolve("stylized/clip.mp4"));
    Files.delete(out.resolve("manifest/recording_id=clip/video.parquet"));
    Files.delete(out.resolve("_SUCCESS"));
    StylizeSummary resumed = StylizeJob.run(config(clip, out), spark);
    assertEquals(1, resumed.segmentsProcessed());
    assertEquals(1, resumed.segmentsResumed());
    assertEquals(List.of(), resumed.errors());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertEquals(clean, StylizedSnapshot.frames(out.resolve("stylized/clip.mp4").toString()));

    // The same bytes from elsewhere are the same model: the output is resumed, not refused.
    StylizeSummary named =
        StylizeJob.run(
            config(clip, out, "--model", written.resolve(DefaultModel.NAME).toString()), spark);
    assertEquals(0, named.segmentsProcessed());
    assertEquals(2, named.segmentsResumed());
  }

  private static StylizeConfig config(Path clip, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input",
                clip.toString(),
                "--output",
                out.toString(),
                "--segment-seconds",
                "0.5",
                "--flicker",
                "false"));
    args.addAll(List.of(extra));
    return StylizeConfig.from(OptionMap.fromArgs(args));
  }
}
