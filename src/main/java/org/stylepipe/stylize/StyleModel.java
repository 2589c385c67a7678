package org.stylepipe.stylize;

import ai.djl.ModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.util.Utils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded style model: {@link #newPredictor()} turns a {@link FrameBatch} into stylized frames of
 * the same size. The model is thread-safe and meant to be shared; predictors are not, so use one
 * per thread.
 *
 * <p>Loading picks the DJL engine from the {@link ModelFormat}, then runs one small forward pass,
 * so that a file that does not match its {@link ModelSpec} (wrong channel count, say) fails here
 * rather than on the first batch. On the CPU a TorchScript model that is a {@link TransformerNet}
 * runs as DJL blocks ({@link ScriptedTransformerNet}). Before the first engine starts, it sets
 * these DJL system properties unless already given as a system property or environment variable:
 * {@code ai.djl.offline=true} (natives come from the Maven jars; nothing is downloaded), {@code
 * OPT_OUT_TRACKING=true}, and PyTorch's thread counts from {@link ModelOptions} (its intra-op count
 * is then set again for each predictor's thread, {@link #newPredictor}). Where DJL keeps its caches
 * is set with {@code DJL_CACHE_DIR} and {@code ENGINE_CACHE_DIR} (system property or environment
 * variable).
 */
public final class StyleModel implements AutoCloseable {
  private static final int PROBE_SIZE = 16;

  private final ModelSpec spec;
  private final ModelOptions options;
  private final ZooModel<FrameBatch, FrameBatch> model;

  private StyleModel(ModelSpec spec, ModelOptions options, ZooModel<FrameBatch, FrameBatch> model) {
    this.spec = spec;
    this.options = options;
    this.model = model;
  }

  /**
   * Loads {@code file} as described by its properties file or the defaults for its extension.
   *
   * @throws IllegalArgumentException naming the file and the reason, if it cannot be loaded
   */
  public static StyleModel load(Path file, ModelOptions options) {
    requireFile(file, file.toString());
    return load(file, ModelSpec.forModel(file), options);
  }

  /**
   * Loads {@code file} as described by {@code spec}.
   *
   * @throws IllegalArgumentException naming the file and the reason, if it cannot be loaded
   */
  public static StyleModel load(Path file, ModelSpec spec, ModelOptions options) {
    return load(file, file.toString(), spec, options);
  }

  /**
   * Loads {@code file}, a copy of the model {@code name} (its URI, say), as described by {@code
   * spec}.
   *
   * @throws IllegalArgumentException naming {@code name} and the reason, if it cannot be loaded
   */
  public static StyleModel load(Path file, String name, ModelSpec spec, ModelOptions options) {
    requireFile(file, name);
    if (options.halfPrecision() && spec.format() != ModelFormat.NPZ) {
      throw cannotLoad(
          name,
          "half precision needs an .npz model; DJL cannot cast " + spec.format().key() + " models");
    }
    configureDjl(options);
    DataType dataType = options.halfPrecision() ? DataType.FLOAT16 : DataType.FLOAT32;
    // Channels-last on the CPU only: it is what oneDNN convolves fastest there; GPUs keep NCHW.
    boolean channelsLast =
        spec.format().engine().equals(ModelFormat.NPZ.engine()) && !options.djlDevice().isGpu();
    Criteria.Builder<FrameBatch, FrameBatch> criteria =
        Criteria.builder()
            .setTypes(FrameBatch.class, FrameBatch.class)
            .optModelPath(file)
            .optEngine(spec.format().engine())
            .optDevice(options.djlDevice())
            .optTranslator(new StyleTranslator(spec, dataType, channelsLast));
    TransformerNet net = null;
    Map<String, NpyArray> weights = null;
    if (spec.format() == ModelFormat.NPZ) {
      weights = readWeights(file, name);
      net = new TransformerNet(NetShape.of(weights, name));
      criteria.optBlock(net.block()).optOption("hasParameter", "false");
    } else if (spec.format() == ModelFormat.ONNX) {
      criteria
          .optOption("intraOpNumThreads", String.valueOf(options.intraOpThreadCount()))
          .optOption("interOpNumThreads", String.valueOf(options.interOpThreads()));
    }
    ZooModel<FrameBatch, FrameBatch> model;
    try {
      model = criteria.build().loadModel();
    } catch (IOException | ModelException | RuntimeException e) {
      throw cannotLoad(name, describe(e));
    }
    try {
      if (net != null) {
        net.setWeights(model.getNDManager(), weights, dataType, name);
      }
      probe(name, spec, model);
      if (spec.format() == ModelFormat.TORCHSCRIPT && channelsLast) {
        Optional<ZooModel<FrameBatch, FrameBatch>> blocks =
            ScriptedTransformerNet.asBlocks(model, spec, name);
        if (blocks.isPresent()) {
          model.close();
          return new StyleModel(spec, options, blocks.get());
        }
      }
      return new StyleModel(spec, options, model);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * CUDA devices the engine for {@code format} sees: 0 where its native library is CPU-only or
   * there is no driver. Starts the engine with the DJL settings {@link #load} uses.
   */
  public static int cudaDevices(ModelFormat format, ModelOptions options) {
    configureDjl(options);
    return Engine.getEngine(format.engine()).getGpuCount();
  }

  /**
   * A new predictor for the calling thread; not thread-safe, close it after use. On the PyTorch
   * engine it first gives the calling thread this model's intra-op thread count: PyTorch keeps that
   * count per thread, so each job's {@code --model-threads} holds in pooled task threads too.
   */
  public Predictor<FrameBatch, FrameBatch> newPredictor() {
    if (spec.format().engine().equals("PyTorch")) {
      JniUtils.setNumThreads(options.intraOpThreadCount());
    }
    return model.newPredictor();
  }

  /** The engine that runs the model, with its version ({@code OnnxRuntime 1.21.1}). */
  public String engine() {
    Engine engine = Engine.getEngine(spec.format().engine());
    return engine.getEngineName() + " " + engine.getVersion();
  }

  /** What the model expects. */
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public void close() {
    model.close();
  }

  private static void requireFile(Path file, String name) {
    if (!Files.isRegularFile(file)) {
      throw cannotLoad(name, "no such file");
    }
  }

  private static Map<String, NpyArray> readWeights(Path file, String name) {
    try {
      return NpzReader.read(file);
    } catch (IOException e) {
      throw cannotLoad(name, describe(e));
    }
  }

  /**
   * Runs one forward pass on a small grey input, which fails if the model does not match the spec.
   */
  private static void probe(String name, ModelSpec spec, ZooModel<FrameBatch, FrameBatch> model) {
    int side = spec.paddedSize(PROBE_SIZE);
    byte[] grey = new byte[side * side * 3];
    Arrays.fill(grey, (byte) 128);
    FrameBatch probe = FrameBatch.of(side, side, List.of(grey));
    try (Predictor<FrameBatch, FrameBatch> predictor = model.newPredictor()) {
      predictor.predict(spec.guided() ? probe.withGuides(List.of(grey)) : probe);
    } catch (TranslateException | RuntimeException e) {
      throw cannotLoad(
          name,
          "a test forward pass with "
              + spec.inputChannels()
              + " input channels at "
              + side
              + "x"
              + side
              + " failed (check "
              + ModelSpec.INPUT_CHANNELS
              + " in "
              + name
              + ModelSpec.PROPERTIES_SUFFIX
              + "): "
              + describe(e));
    }
  }

  private static synchronized void configureDjl(ModelOptions options) {
    setIfAbsent("ai.djl.offline", "DJL_OFFLINE", "true");
    setIfAbsent("OPT_OUT_TRACKING", "OPT_OUT_TRACKING", "true");
    setIfAbsent("ai.djl.pytorch.num_threads", null, String.valueOf(options.intraOpThreadCount()));
    setIfAbsent(
        "ai.djl.pytorch.num_interop_threads", null, String.valueOf(options.interOpThreads()));
  }

  private static void setIfAbsent(String property, String environmentVariable, String value) {
    boolean inEnvironment =
        environmentVariable != null && Utils.getenv(environmentVariable) != null;
    if (System.getProperty(property) == null && !inEnvironment) {
      System.setProperty(property, value);
    }
  }

  /** The first line of each distinct message along the cause chain, joined. */
  private static String describe(Throwable e) {
    List<String> lines = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message =
          t.getMessage() == null
              ? t.getClass().getSimpleName()
              : t.getMessage().lines().findFirst().orElse("");
      if (lines.stream().noneMatch(line -> line.contains(message))) {
        lines.add(message);
      }
    }
    return String.join(": ", lines);
  }

  private static IllegalArgumentException cannotLoad(String name, String reason) {
    return new IllegalArgumentException("Cannot load model " + name + ": " + reason);
  }
}
