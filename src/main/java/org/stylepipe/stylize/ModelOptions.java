package org.stylepipe.stylize;

import ai.djl.Device;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How to run a style model.
 *
 * @param device {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}
 * @param halfPrecision run in float16; needs a GPU and an {@code .npz} model, since DJL cannot cast
 *     TorchScript or ONNX models
 * @param intraOpThreads threads one operation may use; 0 for all processors of the JVM. PyTorch
 *     keeps this count per thread: each predictor sets it for the thread that takes it, so every
 *     job in a JVM runs with its own. Under Spark, set it to the cores per task
 * @param interOpThreads threads that run independent operations in parallel; 1 suits these
 *     sequential networks. Process-wide for PyTorch as above ({@code
 *     -Dai.djl.pytorch.num_interop_threads})
 */
public record ModelOptions(
    String device, boolean halfPrecision, int intraOpThreads, int interOpThreads)
    implements Serializable {
  private static final Pattern DEVICE = Pattern.compile("(cpu|gpu)(?::(\\d+))?");

  public ModelOptions {
    if (device == null || !DEVICE.matcher(device).matches() || device.startsWith("cpu:")) {
      throw new IllegalArgumentException(
          "Cannot use device '" + device + "': expected cpu, gpu or gpu:N");
    }
    if (halfPrecision && !device.startsWith("gpu")) {
      throw new IllegalArgumentException(
          "Cannot use half precision on device '" + device + "': it needs a GPU");
    }
    if (intraOpThreads < 0 || interOpThreads < 1) {
      throw new IllegalArgumentException(
          "Cannot use "
              + intraOpThreads
              + " intra-op and "
              + interOpThreads
              + " inter-op threads: expected at least 0 (all processors) and 1");
    }
  }

  /** CPU, float32, all processors for each operation, one inter-op thread. */
  public static ModelOptions cpu() {
    return new ModelOptions("cpu", false, 0, 1);
  }

  /** The DJL device. */
  public Device djlDevice() {
    Matcher m = DEVICE.matcher(device);
    m.matches();
    if (m.group(1).equals("cpu")) {
      return Device.cpu();
    }
    return m.group(2) == null ? Device.gpu() : Device.gpu(Integer.parseInt(m.group(2)));
  }

  /** Intra-op threads with 0 resolved to the processors of this JVM. */
  public int intraOpThreadCount() {
    return intraOpThreads == 0 ? Runtime.getRuntime().availableProcessors() : intraOpThreads;
  }
}
