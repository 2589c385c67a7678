package org.stylepipe.fewshot;

import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.config.GuideSettings;
import org.stylepipe.output.OutputLayout;

/**
 * Executor function: tracks one key's noise points through {@link TrackPass}; returns its error, if
 * any.
 */
final class TrackPassFunction implements Function<KeyTask, List<ErrorRow>> {
  private static final long serialVersionUID = 1L;

  private final GuideSettings guides;
  private final OutputLayout layout;
  private final HadoopConf conf;

  TrackPassFunction(GuideSettings guides, OutputLayout layout, HadoopConf conf) {
    this.guides = guides;
    this.layout = layout;
    this.conf = conf;
  }

  @Override
  public List<ErrorRow> call(KeyTask task) {
    ErrorRow error = new TrackPass(guides, layout, conf.get()).process(task);
    return error == null ? List.of() : List.of(error);
  }
}
