package org.stylepipe.config;

/** Which inference engine the stylize job runs its model on. */
public enum EngineMode {
  /**
   * ONNX Runtime for {@code .onnx} models, PyTorch for {@code .pt}; {@code .npz} models on ONNX
   * Runtime (as their ONNX export) where the tasks run the model on CPUs, which it runs faster
   * there, and on PyTorch where they run it on GPUs.
   */
  AUTO,
  /** The PyTorch engine: {@code .npz} (DJL blocks) and {@code .pt} (TorchScript) models. */
  PYTORCH,
  /** ONNX Runtime: {@code .onnx} models, and {@code .npz} models as their ONNX export. */
  ONNXRUNTIME
}
