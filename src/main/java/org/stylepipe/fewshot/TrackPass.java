package org.stylepipe.fewshot;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.GuideSettings;
import org.stylepipe.guides.FewShotLayout;
import org.stylepipe.guides.PointSet;
import org.stylepipe.guides.PointTracks;
import org.stylepipe.guides.TrackAdvector;
import org.stylepipe.guides.TrackFile;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageDecoder;
import org.stylepipe.output.OutputLayout;

/**
 * The second few-shot pass, free of Spark: seeds one keyframe's noise points on its mask and tracks
 * them over its span through the flow files the first pass wrote (reading flow, no image work),
 * then writes them as a track file for the render pass. Keys are independent of each other, so they
 * run in parallel.
 */
public final class TrackPass {
  private final GuideSettings guides;
  private final OutputLayout layout;
  private final Configuration conf;

  public TrackPass(GuideSettings guides, OutputLayout layout, Configuration conf) {
    this.guides = guides;
    this.layout = layout;
    this.conf = conf;
  }

  /** Tracks the key; returns null, or the error that stopped it. */
  public ErrorRow process(KeyTask task) {
    FileStore store = new FileStore(conf);
    FewShotLayout sequence = Sequences.of(task.recording().id(), task.length(), false).original();
    try {
      PointSet points;
      String mask = sequence.genMask(task.key());
      try (Mat image =
          ImageDecoder.decode(store.read(layout.resolve(mask)), IMREAD_GRAYSCALE, mask)) {
        points = PointSet.seed(image, task.radius(), guides.seed(), task.key());
      }
      FlowLocations flows =
          new FlowLocations(sequence, task.recording().id(), layout, guides.flowFiles());
      PointTracks tracks =
          TrackAdvector.track(points, task.key(), task.span(), new StoredFlows(flows, store));
      store.write(
          layout.tracks(task.recording().id(), task.radiusName(), task.key()),
          TrackFile.encode(tracks));
      return null;
    } catch (IOException | RuntimeException e) {
      return new ErrorRow(
          task.recording().uri(),
          task.recording().id(),
          "track",
          -1,
          "cannot track the noise points of keyframe " + task.key() + ": " + e.getMessage());
    }
  }
}
