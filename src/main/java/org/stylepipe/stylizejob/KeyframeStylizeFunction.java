package org.stylepipe.stylizejob;

import ai.djl.inference.Predictor;
import org.apache.spark.api.java.function.Function;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.config.KeyframeStylizeSettings;
import org.stylepipe.report.TaskPlace;
import org.stylepipe.stylize.FrameBatch;

/**
 * Executor function: gets this executor's verified copy of the model ({@link ShippedModel}), picks
 * the task's device ({@link TaskModel}), gets a predictor of the model loaded once per executor,
 * and stylizes one recording's keyframes through {@link KeyframeStylizer}.
 */
final class KeyframeStylizeFunction implements Function<KeyframeTask, KeyframeOutcome> {
  private static final long serialVersionUID = 1L;

  private final KeyframeStylizeSettings settings;
  private final ShippedModel model;
  private final HadoopConf conf;

  KeyframeStylizeFunction(KeyframeStylizeSettings settings, ShippedModel model, HadoopConf conf) {
    this.settings = settings;
    this.model = model;
    this.conf = conf;
  }

  @Override
  public KeyframeOutcome call(KeyframeTask task) {
    TaskModel chosen =
        TaskModel.choose(model, settings.device(), settings.cpuFallback(), settings.half());
    try (Predictor<FrameBatch, FrameBatch> predictor = chosen.loader().newPredictor()) {
      return new KeyframeStylizer(
              conf.get(), settings.guide(), settings.batchSize(), settings.overwrite())
          .process(task, predictor, chosen.device(), TaskPlace.current());
    }
  }
}
