package org.stylepipe.stylizejob;

import ai.djl.inference.Predictor;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.config.StylizeSettings;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.report.TaskPlace;
import org.stylepipe.stylize.FrameBatch;
import org.stylepipe.stylize.ModelLoader;

/**
 * Executor function: picks the task's device from the GPU Spark assigned to it ({@link
 * DeviceChoice}), gets the model for that device (loaded once per executor JVM by {@link
 * ModelLoader}) and a predictor of its own, and runs one segment through {@link SegmentStylizer}. A
 * device that cannot be used fails the task, and so the job.
 */
public final class StylizeFunction implements Function<StylizeTask, StylizeOutcome> {
  private static final long serialVersionUID = 1L;

  private final StylizeSettings settings;
  private final ModelLoader model;
  private final OutputLayout layout;
  private final HadoopConf conf;
  private final LongAccumulator frames;

  /**
   * {@code model}: the validated model with CPU options; the device is chosen per task. Each task
   * adds the frames it decoded to {@code frames} (for the console progress).
   */
  public StylizeFunction(
      StylizeSettings settings,
      ModelLoader model,
      OutputLayout layout,
      HadoopConf conf,
      LongAccumulator frames) {
    this.settings = settings;
    this.model = model;
    this.layout = layout;
    this.conf = conf;
    this.frames = frames;
  }

  @Override
  public StylizeOutcome call(StylizeTask task) {
    TaskModel chosen =
        TaskModel.choose(model, settings.device(), settings.cpuFallback(), settings.half());
    try (Predictor<FrameBatch, FrameBatch> predictor = chosen.loader().newPredictor()) {
      StylizeOutcome outcome =
          new SegmentStylizer(settings, layout, conf.get(), model.file().getFileName().toString())
              .process(task, predictor, chosen.device(), TaskPlace.current());
      frames.add(outcome.framesDecoded());
      return outcome;
    }
  }
}
