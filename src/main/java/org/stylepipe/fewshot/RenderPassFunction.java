package org.stylepipe.fewshot;

import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;
import org.stylepipe.common.HadoopConf;
import org.stylepipe.config.FrameSettings;
import org.stylepipe.config.GuideSettings;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.report.TaskPlace;

/**
 * Executor function: draws one segment's noise guides and commits it through {@link RenderPass}.
 */
final class RenderPassFunction implements Function<RenderTask, PassOutcome> {
  private static final long serialVersionUID = 1L;

  private final FrameSettings settings;
  private final GuideSettings guides;
  private final OutputLayout layout;
  private final HadoopConf conf;
  private final LongAccumulator frames;

  /** {@code framesDone} counts the segments' frames as their tasks finish (for progress). */
  RenderPassFunction(
      FrameSettings settings,
      GuideSettings guides,
      OutputLayout layout,
      HadoopConf conf,
      LongAccumulator framesDone) {
    this.settings = settings;
    this.guides = guides;
    this.layout = layout;
    this.conf = conf;
    this.frames = framesDone;
  }

  @Override
  public PassOutcome call(RenderTask task) {
    long started = System.nanoTime();
    SegmentCommit commit = new RenderPass(settings, guides, layout, conf.get()).process(task);
    frames.add(commit.framesDecoded());
    return new PassOutcome(commit, System.nanoTime() - started, TaskPlace.current());
  }
}
