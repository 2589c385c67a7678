package org.stylepipe.fewshot;

import org.apache.spark.api.java.function.Function;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.config.GuideSettings;
import org.stylepipe.output.HadoopConf;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.report.TaskPlace;

/** Executor function: draws one segment's noise guides and commits it through {@link RenderPass}. */
final class RenderPassFunction implements Function<RenderTask, PassOutcome> {
  private static final long serialVersionUID = 1L;

  private final FrameSettings frames;
  private final GuideSettings guides;
  private final OutputLayout layout;
  private final HadoopConf conf;

  RenderPassFunction(FrameSettings frames, GuideSettings guides, OutputLayout layout, HadoopConf conf) {
    this.frames = frames;
    this.guides = guides;
    this.layout = layout;
    this.conf = conf;
  }

  @Override
  public PassOutcome call(RenderTask task) {
    long started = System.nanoTime();
    return new PassOutcome(new RenderPass(frames, guides, layout, conf.get()).process(task),
        System.nanoTime() - started, TaskPlace.current());
  }
}
