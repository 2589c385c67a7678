package org.stylepipe.stylizejob;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.stylepipe.config.DeviceMode;
import org.stylepipe.stylize.DeviceChoice;
import org.stylepipe.stylize.ModelLoader;
import org.stylepipe.stylize.ModelOptions;
import org.stylepipe.stylize.StyleModel;

/**
 * The device a task runs its model on, picked from the GPU Spark assigned to it ({@link
 * DeviceChoice}), and the model for that device, loaded once per executor JVM by its {@link
 * ModelLoader}.
 */
record TaskModel(DeviceChoice device, ModelLoader loader) {
  private static final String GPU = "gpu";

  /** For the calling task: {@code model} is the validated model with CPU options. */
  static TaskModel choose(ModelLoader model, DeviceMode mode, boolean cpuFallback, boolean half) {
    DeviceChoice device =
        DeviceChoice.select(
            mode,
            gpuAddresses(TaskContext.get()),
            () -> StyleModel.cudaDevices(model.spec().format(), model.options()),
            cpuFallback);
    ModelOptions cpu = model.options();
    return new TaskModel(
        device,
        model.withOptions(
            new ModelOptions(
                device.device(),
                half && device.gpu(),
                cpu.intraOpThreads(),
                cpu.interOpThreads())));
  }

  /**
   * The GPU addresses Spark assigned to the task; empty without GPU scheduling (local mode, CPU
   * clusters).
   */
  static List<String> gpuAddresses(TaskContext context) {
    Map<String, ResourceInformation> resources =
        context == null ? Map.of() : context.resourcesJMap();
    ResourceInformation gpu = resources.get(GPU);
    return gpu == null ? List.of() : Arrays.asList(gpu.addresses());
  }
}
