package org.stylepipe.stylizejob;

import ai.djl.inference.Predictor;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.config.StylizeSettings;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.report.TaskPlace;
import org.stylepipe.stylize.FrameBatch;

/**
 * Executor function: as {@link StylizeFunction}, for a segment of a few-shot sequence, which {@link
 * GuidedStylizer} stylizes frame by frame with its noise guide and commits.
 */
public final class GuidedStylizeFunction implements Function<GuidedSegment, StylizeOutcome> {
  private static final long serialVersionUID = 1L;

  private final StylizeSettings settings;
  private final ShippedModel model;
  private final OutputLayout layout;
  private final HadoopConf conf;
  private final LongAccumulator frames;

  /** Each task adds the frames it stylized to {@code frames} (for the console progress). */
  public GuidedStylizeFunction(
      StylizeSettings settings,
      ShippedModel model,
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
  public StylizeOutcome call(GuidedSegment segment) throws InterruptedException {
    TaskModel chosen =
        TaskModel.choose(model, settings.device(), settings.cpuFallback(), settings.half());
    try (Predictor<FrameBatch, FrameBatch> predictor = chosen.loader().newPredictor()) {
      StylizeOutcome outcome =
          new GuidedStylizer(settings, layout, conf.get(), model.file())
              .process(segment, predictor, chosen.device(), TaskPlace.current());
      frames.add(outcome.commit().framesStylized());
      return outcome;
    }
  }
}
