package org.stylepipe.stylize;

import java.util.List;
import java.util.function.IntSupplier;
import org.stylepipe.config.DeviceMode;

/**
 * The DJL device a task runs its model on, chosen by {@link #select} from the requested {@link
 * DeviceMode}, the GPU addresses Spark assigned to the task and the number of CUDA devices the
 * engine sees.
 *
 * @param device {@code cpu} or {@code gpu:N}, as {@link ModelOptions} takes it
 * @param gpuAddress the GPU address Spark assigned to the task (the first, if several), or null if
 *     none
 */
public record DeviceChoice(String device, String gpuAddress) {
  private static final String FALLBACK_HINT =
      "; provide a CUDA build of the engine (docs/gpu.md) or pass --cpu-fallback true to run on the CPU";

  /**
   * The device for a task.
   *
   * <ul>
   *   <li>{@code cpu}: the CPU.
   *   <li>{@code auto} and {@code gpu}, with a GPU assigned: {@code gpu:<address>}; where the
   *       engine sees no CUDA device, the CPU if {@code cpuFallback}, else an error.
   *   <li>{@code auto} without a GPU assigned: the CPU.
   *   <li>{@code gpu} without a GPU assigned (local mode): {@code gpu:0}; where the engine sees no
   *       CUDA device, the CPU if {@code cpuFallback}, else an error.
   * </ul>
   *
   * @param gpuAddresses the task's {@code TaskContext.resources().get("gpu").addresses()}, empty if
   *     none
   * @param cudaDevices CUDA devices the engine sees (0 without CUDA); asked only when a GPU is
   *     wanted
   * @throws IllegalStateException if the requested GPU cannot be used
   */
  public static DeviceChoice select(
      DeviceMode mode, List<String> gpuAddresses, IntSupplier cudaDevices, boolean cpuFallback) {
    String address = gpuAddresses.isEmpty() ? null : gpuAddresses.get(0);
    if (mode == DeviceMode.CPU || mode == DeviceMode.AUTO && address == null) {
      return new DeviceChoice("cpu", address);
    }
    int visible = cudaDevices.getAsInt();
    if (address == null) {
      if (visible > 0) {
        return new DeviceChoice("gpu:0", null);
      }
      if (cpuFallback) {
        return new DeviceChoice("cpu", null);
      }
      throw new IllegalStateException(
          "Cannot run the model on a GPU (--device gpu): Spark assigned none to this task and the engine sees no"
              + " CUDA device"
              + FALLBACK_HINT);
    }
    int index = parse(address);
    if (visible == 0) {
      if (cpuFallback) {
        return new DeviceChoice("cpu", address);
      }
      throw new IllegalStateException(
          "Cannot run the model on GPU "
              + address
              + " that Spark assigned to this task: the engine sees no CUDA device (a CPU-only native library, or no"
              + " driver)"
              + FALLBACK_HINT);
    }
    if (index >= visible) {
      throw new IllegalStateException(
          "Cannot run the model on GPU "
              + address
              + " that Spark assigned to this task:"
              + " the engine sees only "
              + visible
              + " CUDA device(s); check the GPU discovery script and"
              + " CUDA_VISIBLE_DEVICES");
    }
    return new DeviceChoice("gpu:" + index, address);
  }

  /** Whether the model runs on a GPU. */
  public boolean gpu() {
    return device.startsWith("gpu");
  }

  private static int parse(String address) {
    try {
      int index = Integer.parseInt(address.trim());
      if (index >= 0) {
        return index;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new IllegalStateException(
        "Cannot use GPU address '"
            + address
            + "' that Spark assigned to this task:"
            + " expected a CUDA device number (check the GPU discovery script)");
  }
}
