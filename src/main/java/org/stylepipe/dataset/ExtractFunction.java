package org.stylepipe.dataset;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.report.TaskPlace;

/**
 * Executor function: runs one segment task through {@link SegmentProcessor} and adds the frames it
 * decoded to {@code frames} (for the console progress).
 */
public final class ExtractFunction implements Function<SegmentTask, SegmentOutcome> {
  private static final long serialVersionUID = 1L;

  private final FrameSettings settings;
  private final OutputLayout layout;
  private final HadoopConf conf;
  private final FaultInjection faults;
  private final LongAccumulator frames;

  public ExtractFunction(
      FrameSettings settings,
      OutputLayout layout,
      HadoopConf conf,
      FaultInjection faults,
      LongAccumulator frames) {
    this.settings = settings;
    this.layout = layout;
    this.conf = conf;
    this.faults = faults;
    this.frames = frames;
  }

  @Override
  public SegmentOutcome call(SegmentTask task) throws InterruptedException {
    String id = task.recording().id();
    int segment = task.segment().index();
    faults.holdIfChosen(id, segment);
    int failAfter =
        faults.strikes(id, segment, TaskContext.get().attemptNumber())
            ? SegmentProcessor.IMAGES_BEFORE_FAULT
            : SegmentProcessor.NEVER;
    SegmentOutcome outcome =
        new SegmentProcessor(settings, layout, conf.get(), failAfter)
            .process(task, TaskPlace.current());
    frames.add(outcome.commit().framesDecoded());
    return outcome;
  }
}
