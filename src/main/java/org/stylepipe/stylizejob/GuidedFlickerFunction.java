package org.stylepipe.stylizejob;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.Function;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.flicker.FlickerOutcome;
import org.stylepipe.flicker.FlickerRow;
import org.stylepipe.flicker.FlickerTask;
import org.stylepipe.flicker.FrameSource;
import org.stylepipe.flicker.SegmentFlicker;
import org.stylepipe.ingest.Recording;
import org.stylepipe.ingest.SegmentPlan;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.ImageDecoder;
import org.stylepipe.output.OutputLayout;

/**
 * Executor function: the flicker of one stylized segment of a few-shot sequence, with the
 * sequence's own frames ({@code _gen/input/}) as the reference and its stylized PNG frames as the
 * judged output, the frame before the segment first ({@link SegmentFlicker}); writes the segment's
 * rows to {@code flicker/} as the flicker stage does.
 */
final class GuidedFlickerFunction implements Function<GuidedSegment, FlickerOutcome> {
  private static final long serialVersionUID = 1L;

  private final OutputLayout layout;
  private final HadoopConf conf;

  GuidedFlickerFunction(OutputLayout layout, HadoopConf conf) {
    this.layout = layout;
    this.conf = conf;
  }

  @Override
  public FlickerOutcome call(GuidedSegment segment) {
    GuidedSequence sequence = segment.sequence();
    FlickerTask task = task(segment);
    List<GuidedFrame> frames = new ArrayList<>();
    if (segment.previous() != null) {
      frames.add(segment.previous());
    }
    frames.addAll(segment.frames());
    Configuration hadoop = conf.get();
    FlickerOutcome outcome;
    try (Images input = new Images(frames, hadoop, null);
        Images stylized = new Images(frames, hadoop, sequence)) {
      outcome = new SegmentFlicker().measure(task, input, stylized);
    }
    if (outcome.error() == null) {
      try {
        new FileStore(hadoop)
            .write(
                layout.flickerPart(sequence.name(), segment.index()),
                FlickerRow.toParquet(outcome.rows()));
      } catch (IOException | RuntimeException e) {
        outcome =
            new FlickerOutcome(
                sequence.name(),
                segment.index(),
                List.of(),
                new ErrorRow(
                    sequence.source(),
                    sequence.name(),
                    "write",
                    segment.index(),
                    "cannot write the segment's flicker rows: " + e.getMessage()));
      }
    }
    return outcome;
  }

  /** The flicker task of a segment: its frames as a plan, measured at the sequence's size. */
  private FlickerTask task(GuidedSegment segment) {
    GuidedSequence sequence = segment.sequence();
    return new FlickerTask(
        new Recording(sequence.name(), sequence.source()),
        layout.stylizedVideo(sequence.name()),
        new SegmentPlan(
            segment.index(),
            segment.first().ptsUs(),
            segment.last().ptsUs() + 1,
            segment.first().frameIndex(),
            segment.frames().size(),
            segment.first().ptsUs(),
            segment.previousPtsUs()),
        sequence.width(),
        sequence.height());
  }

  /**
   * The frames' images, in order: the sequence's own, or with {@code stylized} its stylized PNGs.
   */
  private final class Images implements FrameSource, AutoCloseable {
    private final Iterator<GuidedFrame> frames;
    private final FileStore store;
    private final GuidedSequence stylized;
    private Mat current;

    Images(List<GuidedFrame> frames, Configuration hadoop, GuidedSequence stylized) {
      this.frames = frames.iterator();
      this.store = new FileStore(hadoop);
      this.stylized = stylized;
    }

    @Override
    public DecodedFrame next() throws IOException {
      close();
      if (!frames.hasNext()) {
        return null;
      }
      GuidedFrame frame = frames.next();
      String uri =
          stylized == null
              ? frame.image()
              : layout.resolve(OutputLayout.stylizedFramePath(stylized.name(), frame.frameIndex()));
      current = ImageDecoder.decode(store.read(uri), IMREAD_COLOR, uri);
      return new DecodedFrame(frame.frameIndex(), frame.ptsUs(), current, false);
    }

    @Override
    public void close() {
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }
}
