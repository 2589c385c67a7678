package org.stylepipe.stylizejob;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger LOG = LoggerFactory.getLogger(TaskModel.class);

  /** Models and devices this JVM has logged. */
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  /**
   * For the calling task: this executor's verified copy of {@code shipped}, on the task's device.
   * The first task of each model and device in a JVM logs which engine and device it runs on.
   */
  static TaskModel choose(
      ShippedModel shipped, DeviceMode mode, boolean cpuFallback, boolean half) {
    ModelLoader model = shipped.loader();
    DeviceChoice device =
        DeviceChoice.select(
            mode,
            gpuAddresses(TaskContext.get()),
            () -> StyleModel.cudaDevices(model.spec().format(), model.options()),
            cpuFallback);
    ModelOptions cpu = model.options();
    if (LOGGED.add(shipped.file().sha256() + " " + device.device())) {
      LOG.info(
          "Model {} (SHA-256 {}) runs on {}, device {}",
          shipped.file().uri(),
          shipped.file().sha256(),
          shipped.engine(),
          device.device());
    }
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
