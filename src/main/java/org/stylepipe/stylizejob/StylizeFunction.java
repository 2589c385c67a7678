package org.stylepipe.stylizejob;

import ai.djl.inference.Predictor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.util.LongAccumulator;
import org.stylepipe.config.StylizeSettings;
import org.stylepipe.output.HadoopConf;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.stylize.DeviceChoice;
import org.stylepipe.stylize.FrameBatch;
import org.stylepipe.stylize.ModelLoader;
import org.stylepipe.stylize.ModelOptions;
import org.stylepipe.stylize.StyleModel;

/**
 * Executor function: picks the task's device from the GPU Spark assigned to it ({@link DeviceChoice}), gets the
 * model for that device (loaded once per executor JVM by {@link ModelLoader}) and a predictor of its own, and runs
 * one segment through {@link SegmentStylizer}. A device that cannot be used fails the task, and so the job.
 */
public final class StylizeFunction implements Function<StylizeTask, StylizeOutcome> {
  private static final long serialVersionUID = 1L;
  private static final String GPU = "gpu";

  private final StylizeSettings settings;
  private final ModelLoader model;
  private final OutputLayout layout;
  private final HadoopConf conf;
  private final LongAccumulator frames;

  /**
   * {@code model}: the validated model with CPU options; the device is chosen per task. Each task adds the frames it
   * decoded to {@code frames} (for the console progress).
   */
  public StylizeFunction(
      StylizeSettings settings, ModelLoader model, OutputLayout layout, HadoopConf conf, LongAccumulator frames) {
    this.settings = settings;
    this.model = model;
    this.layout = layout;
    this.conf = conf;
    this.frames = frames;
  }

  @Override
  public StylizeOutcome call(StylizeTask task) {
    List<String> gpus = gpuAddresses(TaskContext.get());
    DeviceChoice device = DeviceChoice.select(settings.device(), gpus,
        () -> StyleModel.cudaDevices(model.spec().format(), model.options()), settings.cpuFallback());
    ModelOptions cpu = model.options();
    ModelLoader loader = model.withOptions(new ModelOptions(device.device(), settings.half() && device.gpu(),
        cpu.intraOpThreads(), cpu.interOpThreads()));
    try (Predictor<FrameBatch, FrameBatch> predictor = loader.newPredictor()) {
      StylizeOutcome outcome = new SegmentStylizer(settings, layout, conf.get(), model.file().getFileName().toString())
          .process(task, predictor, device);
      frames.add(outcome.framesDecoded());
      return outcome;
    }
  }

  /** The GPU addresses Spark assigned to the task; empty without GPU scheduling (local mode, CPU clusters). */
  static List<String> gpuAddresses(TaskContext context) {
    Map<String, ResourceInformation> resources = context == null ? Map.of() : context.resourcesJMap();
    ResourceInformation gpu = resources.get(GPU);
    return gpu == null ? List.of() : Arrays.asList(gpu.addresses());
  }
}
