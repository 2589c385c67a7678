package org.stylepipe.fewshot;

import org.apache.spark.api.java.function.Function;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.config.GuideSettings;
import org.stylepipe.output.HadoopConf;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.report.TaskPlace;

/** Executor function: runs one segment through {@link ExtractPass}. */
final class ExtractPassFunction implements Function<SequenceTask, PassOutcome> {
  private static final long serialVersionUID = 1L;

  private final FrameSettings frames;
  private final GuideSettings guides;
  private final OutputLayout layout;
  private final HadoopConf conf;

  ExtractPassFunction(FrameSettings frames, GuideSettings guides, OutputLayout layout, HadoopConf conf) {
    this.frames = frames;
    this.guides = guides;
    this.layout = layout;
    this.conf = conf;
  }

  @Override
  public PassOutcome call(SequenceTask task) {
    long started = System.nanoTime();
    return new PassOutcome(new ExtractPass(frames, guides, layout, conf.get()).process(task),
        System.nanoTime() - started, TaskPlace.current());
  }
}
