package org.stylepipe.stylize;

import org.stylepipe.config.EngineMode;

/**
 * Which engine runs a model, as the format the model runs as: an {@code .npz} model runs on ONNX
 * Runtime as its ONNX export ({@link OnnxExport}), every other model in its own format.
 *
 * @param mode {@code --engine}
 * @param cpuExecutors whether the tasks run the model on CPUs ({@code --device cpu}, or {@code
 *     --device auto} where Spark assigns the tasks no GPU)
 */
public record EngineChoice(EngineMode mode, boolean cpuExecutors) {
  /** Every model on the engine of its own format: {@code .npz} and {@code .pt} on PyTorch. */
  public static final EngineChoice BY_FORMAT = new EngineChoice(EngineMode.AUTO, false);

  /**
   * The format {@code model}, stored as {@code format}, runs as.
   *
   * @param half whether it runs in float16 ({@code --half}), which keeps an {@code .npz} model on
   *     PyTorch with {@code auto} (the configuration refuses it with {@code onnxruntime})
   * @throws IllegalArgumentException naming the model and {@code --engine}, where the engine cannot
   *     run a model of that format
   */
  public ModelFormat runAs(ModelFormat format, boolean half, String model) {
    return switch (mode) {
      case AUTO -> format == ModelFormat.NPZ && cpuExecutors && !half ? ModelFormat.ONNX : format;
      case PYTORCH -> {
        if (format == ModelFormat.ONNX) {
          throw cannotRun(
              model, "it is an ONNX model, which only ONNX Runtime runs; use --engine onnxruntime");
        }
        yield format;
      }
      case ONNXRUNTIME -> {
        if (format == ModelFormat.TORCHSCRIPT) {
          throw cannotRun(
              model,
              "it is a TorchScript model, which only the PyTorch engine runs; use --engine pytorch");
        }
        yield ModelFormat.ONNX;
      }
    };
  }

  private IllegalArgumentException cannotRun(String model, String reason) {
    return new IllegalArgumentException(
        "Cannot run model "
            + model
            + " on --engine "
            + mode.name().toLowerCase(java.util.Locale.ROOT)
            + ": "
            + reason
            + ", or auto");
  }
}
