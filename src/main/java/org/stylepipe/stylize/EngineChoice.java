package org.stylepipe.stylize;

import org.stylepipe.config.EngineMode;

/**
 * Which engine runs a model, as the format the model runs as: with {@code --engine auto} every
 * model on the engine of its own format ({@code .npz} and {@code .pt} on PyTorch, {@code .onnx} on
 * ONNX Runtime, the faster one for each on CPUs too: docs/benchmarks.md); with {@code onnxruntime}
 * an {@code .npz} model as its ONNX export ({@link OnnxExport}).
 *
 * @param mode {@code --engine}
 */
public record EngineChoice(EngineMode mode) {
  /** Every model on the engine of its own format: {@code .npz} and {@code .pt} on PyTorch. */
  public static final EngineChoice BY_FORMAT = new EngineChoice(EngineMode.AUTO);

  /**
   * The format {@code model}, stored as {@code format}, runs as.
   *
   * @throws IllegalArgumentException naming the model and {@code --engine}, where the engine cannot
   *     run a model of that format
   */
  public ModelFormat runAs(ModelFormat format, String model) {
    return switch (mode) {
      case AUTO -> format;
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
