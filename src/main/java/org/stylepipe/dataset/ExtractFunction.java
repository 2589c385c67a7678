package org.stylepipe.dataset;

import org.apache.spark.api.java.function.Function;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.output.HadoopConf;
import org.stylepipe.output.OutputLayout;

/** Executor function: runs one segment task through {@link SegmentProcessor}. */
public final class ExtractFunction implements Function<SegmentTask, SegmentOutcome> {
  private static final long serialVersionUID = 1L;

  private final FrameSettings settings;
  private final OutputLayout layout;
  private final HadoopConf conf;

  public ExtractFunction(FrameSettings settings, OutputLayout layout, HadoopConf conf) {
    this.settings = settings;
    this.layout = layout;
    this.conf = conf;
  }

  @Override
  public SegmentOutcome call(SegmentTask task) {
    return new SegmentProcessor(settings, layout, conf.get()).process(task);
  }
}
