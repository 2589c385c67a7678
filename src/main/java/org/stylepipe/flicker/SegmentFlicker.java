package org.stylepipe.flicker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.augment.FrameResizer;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.config.ResizeMode;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.ingest.SegmentPlan;

/**
 * The flicker stage's core, free of Spark: measures one segment from two frame sources giving the
 * task's {@link FlickerTask#span() span} of the recording and of its stylized video. Both are
 * brought to the task's size (stretched, as the stylize job resizes), the flow is computed on the
 * input, and each frame of the segment gets E_t of the input judged against itself and of the
 * stylized frame ({@link WarpingError}); the frame before the segment only starts the sequence.
 *
 * <p>The two videos must hold the same frames: a frame at another time, a missing or damaged frame,
 * or a failed decode fails the segment (no rows), with an error that names the stylized video.
 */
public final class SegmentFlicker {
  /** Measures {@code task} from its recording's frames ({@code input}) and its stylized video's. */
  public FlickerOutcome measure(FlickerTask task, FrameSource input, FrameSource stylized) {
    SegmentPlan span = task.span();
    List<FlickerRow> rows = new ArrayList<>();
    long decoded = 0;
    String problem = null;
    try (WarpingError warping = new WarpingError();
        FrameResizer inputResizer =
            new FrameResizer(task.width(), task.height(), ResizeMode.STRETCH);
        FrameResizer stylizedResizer =
            new FrameResizer(task.width(), task.height(), ResizeMode.STRETCH)) {
      while (problem == null) {
        DecodedFrame source = input.next();
        DecodedFrame judged = stylized.next();
        if (source == null || judged == null) {
          if (source != judged || decoded < span.frameCount()) {
            problem =
                String.format(
                    "%s ends after %d of frames %d..%d",
                    source == null ? "the source" : "the stylized video",
                    decoded,
                    span.firstFrameIndex(),
                    span.firstFrameIndex() + span.frameCount() - 1);
          }
          break;
        }
        decoded++;
        problem = mismatch(source, judged);
        if (problem == null) {
          Mat frame = inputResizer.resize(source.image());
          double[] errors = warping.next(frame, frame, stylizedResizer.resize(judged.image()));
          if (source.index() >= task.segment().firstFrameIndex()) {
            rows.add(
                new FlickerRow(
                    task.recording().id(),
                    task.segment().index(),
                    source.index(),
                    source.ptsUs(),
                    errors[0],
                    errors[1],
                    warping.lastMaskFraction()));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      problem = "stopped after " + decoded + " frames: " + e.getMessage();
    }
    if (problem == null) {
      return new FlickerOutcome(task.recording().id(), task.segment().index(), rows, null);
    }
    return new FlickerOutcome(
        task.recording().id(), task.segment().index(), List.of(), error(task, problem));
  }

  private static String mismatch(DecodedFrame source, DecodedFrame judged) {
    if (source.ptsUs() != judged.ptsUs()) {
      return String.format(
          "frame %d is at %d us there but at %d us in the source",
          source.index(), judged.ptsUs(), source.ptsUs());
    }
    if (source.damaged() || judged.damaged()) {
      return String.format(
          "frame %d of %s decoded with errors",
          source.index(), source.damaged() ? "the source" : "the stylized video");
    }
    return null;
  }

  /**
   * An error of {@code task}'s segment that names the stylized video (the row's source names the
   * recording).
   */
  static ErrorRow error(FlickerTask task, String reason) {
    return new ErrorRow(
        task.recording().uri(),
        task.recording().id(),
        FlickerStage.STAGE,
        task.segment().index(),
        "cannot measure flicker against the stylized video " + task.stylized() + ": " + reason);
  }
}
