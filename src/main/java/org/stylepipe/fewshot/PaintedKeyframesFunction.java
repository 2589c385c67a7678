package org.stylepipe.fewshot;

import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.output.OutputLayout;

/** Executor function: copies one recording's painted keyframes through {@link PaintedKeyframes}. */
final class PaintedKeyframesFunction implements Function<KeyframeTask, List<ErrorRow>> {
  private static final long serialVersionUID = 1L;

  private final String folder;
  private final FrameSettings frames;
  private final OutputLayout layout;
  private final HadoopConf conf;

  PaintedKeyframesFunction(
      String folder, FrameSettings frames, OutputLayout layout, HadoopConf conf) {
    this.folder = folder;
    this.frames = frames;
    this.layout = layout;
    this.conf = conf;
  }

  @Override
  public List<ErrorRow> call(KeyframeTask task) {
    return new PaintedKeyframes(folder, frames, layout, conf.get()).copy(task);
  }
}
