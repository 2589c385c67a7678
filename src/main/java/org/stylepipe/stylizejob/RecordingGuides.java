package org.stylepipe.stylizejob;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.config.GuideSettings;
import org.stylepipe.config.ImageFormat;
import org.stylepipe.config.ResizeMode;
import org.stylepipe.config.Sampling;
import org.stylepipe.fewshot.FewShotStage;
import org.stylepipe.ingest.RecordingPlan;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.report.RunLog;

/**
 * The noise guides of recordings for {@code stylize --input … --guide noise}: the dataset job's
 * few-shot stage, lean (every frame kept, no mirrored sequence, no flow files kept), run into a
 * work folder, {@code _stylepipe/guides/} of the output, at each recording's stylize size; so the
 * guides are those the dataset job writes with the same options. The stylize stage then reads the
 * work folder as a few-shot dataset ({@link FewShotDataset}), and the job removes it at the end.
 * The stage resumes from what the folder holds, so a resumed job keeps the guides made before.
 */
final class RecordingGuides {
  private static final int JPEG_QUALITY_UNUSED = 95;

  private RecordingGuides() {}

  /** The work folder of the guides under a stylize job's output. */
  static OutputLayout workFolder(OutputLayout output) {
    return new OutputLayout(output.meta() + "/guides");
  }

  /**
   * Makes the guides of {@code plans} (planned with the stage's lead-in, {@link
   * GuideSettings#leadIn()}) into {@code work}, each recording at its size in {@code sizes}
   * (recording id to width and height); returns the errors of segments that failed.
   */
  static List<ErrorRow> make(
      JavaSparkContext jsc,
      List<RecordingPlan> plans,
      Map<String, int[]> sizes,
      GuideSettings guides,
      int decoderThreads,
      OutputLayout work,
      RunLog log)
      throws IOException {
    Map<String, List<RecordingPlan>> bySize = new LinkedHashMap<>();
    for (RecordingPlan plan : plans) {
      int[] size = sizes.get(plan.recording().id());
      bySize.computeIfAbsent(size[0] + "x" + size[1], s -> new ArrayList<>()).add(plan);
    }
    List<ErrorRow> errors = new ArrayList<>();
    for (List<RecordingPlan> group : bySize.values()) {
      int[] size = sizes.get(group.get(0).recording().id());
      FrameSettings frames =
          new FrameSettings(
              Sampling.all(),
              size[0],
              size[1],
              ResizeMode.STRETCH,
              false,
              ImageFormat.PNG,
              JPEG_QUALITY_UNUSED,
              decoderThreads);
      FewShotStage.Result result =
          new FewShotStage(jsc, frames, guides, work, log).run(group, null);
      errors.addAll(result.errors());
      for (SegmentCommit commit : result.commits()) {
        if (commit.error() != null) {
          errors.add(commit.error());
        }
      }
    }
    return errors;
  }

  /** Removes the work folder. */
  static void remove(JavaSparkContext jsc, OutputLayout work) throws IOException {
    Path root = new Path(work.root());
    root.getFileSystem(jsc.hadoopConfiguration()).delete(root, true);
  }
}
