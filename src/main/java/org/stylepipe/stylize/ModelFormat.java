package org.stylepipe.stylize;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** How a model file is stored, which decides the DJL engine that runs it. */
public enum ModelFormat {
  /** {@code .npz} weights of {@link TransformerNet}, run as DJL blocks on the PyTorch engine. */
  NPZ("npz", ".npz", "PyTorch"),
  /** A TorchScript archive ({@code torch.jit.save}), run by the PyTorch engine. */
  TORCHSCRIPT("torchscript", ".pt", "PyTorch"),
  /** An ONNX model, run by the ONNX Runtime engine. */
  ONNX("onnx", ".onnx", "OnnxRuntime");

  private final String key;
  private final String extension;
  private final String engine;

  ModelFormat(String key, String extension, String engine) {
    this.key = key;
    this.extension = extension;
    this.engine = engine;
  }

  /** The name used in model properties files. */
  public String key() {
    return key;
  }

  /** The DJL engine name. */
  public String engine() {
    return engine;
  }

  /** The file name extension of models in this format ({@code .onnx}). */
  public String extension() {
    return extension;
  }

  /** The format whose extension {@code file} has, if any. */
  public static Optional<ModelFormat> ofFile(Path file) {
    return ofName(file.getFileName().toString());
  }

  /** The format whose extension the file name, path or URI {@code name} ends with, if any. */
  public static Optional<ModelFormat> ofName(String name) {
    return Arrays.stream(values()).filter(f -> name.endsWith(f.extension)).findFirst();
  }

  /** The format named {@code key} in a model properties file. */
  public static Optional<ModelFormat> ofKey(String key) {
    return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
  }
}
