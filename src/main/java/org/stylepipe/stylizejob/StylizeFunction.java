package org.stylepipe.stylizejob;

import ai.djl.inference.Predictor;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;
import org.stylepipe.common.FaultInjection;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.config.StylizeSettings;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.report.TaskPlace;
import org.stylepipe.stylize.DeviceChoice;
import org.stylepipe.stylize.FrameBatch;

/**
 * Executor function: gets this executor's verified copy of the model ({@link ShippedModel}), picks
 * the task's device from the GPU Spark assigned to it ({@link DeviceChoice}), gets the model for
 * that device (loaded once per executor JVM) and a predictor of its own, and runs one segment
 * through {@link SegmentStylizer}, which commits it. A device that cannot be used, a model copy
 * that differs from the driver's, or any failure that is not bad input fails the task, and Spark
 * retries it.
 */
public final class StylizeFunction implements Function<StylizeTask, StylizeOutcome> {
  private static final long serialVersionUID = 1L;

  private final StylizeSettings settings;
  private final ShippedModel model;
  private final OutputLayout layout;
  private final HadoopConf conf;
  private final FaultInjection faults;
  private final LongAccumulator frames;

  /** Each task adds the frames it decoded to {@code frames} (for the console progress). */
  public StylizeFunction(
      StylizeSettings settings,
      ShippedModel model,
      OutputLayout layout,
      HadoopConf conf,
      FaultInjection faults,
      LongAccumulator frames) {
    this.settings = settings;
    this.model = model;
    this.layout = layout;
    this.conf = conf;
    this.faults = faults;
    this.frames = frames;
  }

  @Override
  public StylizeOutcome call(StylizeTask task) throws InterruptedException {
    faults.holdIfChosen(task.recording().id(), task.segment().index());
    TaskModel chosen =
        TaskModel.choose(model, settings.device(), settings.cpuFallback(), settings.half());
    try (Predictor<FrameBatch, FrameBatch> predictor = chosen.loader().newPredictor()) {
      StylizeOutcome outcome =
          new SegmentStylizer(settings, layout, conf.get(), model.file(), faults)
              .process(task, predictor, chosen.device(), TaskPlace.current());
      frames.add(outcome.commit().framesDecoded());
      return outcome;
    }
  }
}
