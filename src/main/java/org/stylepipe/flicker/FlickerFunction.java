package org.stylepipe.flicker;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.decode.SegmentReader;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.OutputLayout;

/**
 * Executor function: decodes one segment's span of a recording and of its stylized video, measures
 * it with {@link SegmentFlicker}, and writes the segment's rows as one whole Parquet file; adds the
 * frames measured to {@code frames} (for the console progress).
 */
public final class FlickerFunction implements Function<FlickerTask, FlickerOutcome> {
  private static final long serialVersionUID = 1L;

  /** One decoder thread per video: Spark already runs one task per core. */
  private static final int DECODER_THREADS = 1;

  private final OutputLayout layout;
  private final HadoopConf conf;
  private final LongAccumulator frames;

  public FlickerFunction(OutputLayout layout, HadoopConf conf, LongAccumulator frames) {
    this.layout = layout;
    this.conf = conf;
    this.frames = frames;
  }

  @Override
  public FlickerOutcome call(FlickerTask task) {
    Configuration hadoop = conf.get();
    FlickerOutcome outcome;
    try (SegmentReader input =
            new SegmentReader(task.recording(), hadoop, task.span(), DECODER_THREADS);
        SegmentReader stylized =
            new SegmentReader(task.stylized(), hadoop, task.span(), DECODER_THREADS)) {
      outcome = new SegmentFlicker().measure(task, input::next, stylized::next);
    } catch (IOException e) {
      outcome = failed(task, SegmentFlicker.error(task, e.getMessage()));
    }
    if (outcome.error() == null) {
      try {
        new FileStore(hadoop)
            .write(
                layout.flickerPart(task.recording().id(), task.segment().index()),
                FlickerRow.toParquet(outcome.rows()));
      } catch (IOException | RuntimeException e) {
        outcome =
            failed(
                task,
                new ErrorRow(
                    task.recording().uri(),
                    task.recording().id(),
                    "write",
                    task.segment().index(),
                    "cannot write the segment's flicker rows: " + e.getMessage()));
      }
    }
    frames.add(outcome.rows().size());
    return outcome;
  }

  private static FlickerOutcome failed(FlickerTask task, ErrorRow error) {
    return new FlickerOutcome(task.recording().id(), task.segment().index(), List.of(), error);
  }
}
