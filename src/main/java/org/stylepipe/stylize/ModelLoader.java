package org.stylepipe.stylize;

import ai.djl.inference.Predictor;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A serializable handle on a style model for Spark executors: it carries only the model path, spec
 * and options, and loads the model lazily, once per JVM for all loaders with equal settings. Loaded
 * models are kept until the JVM exits. Use one {@link #newPredictor()} per task thread.
 */
public final class ModelLoader implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<Key, StyleModel> MODELS = new HashMap<>();

  private final Key key;
  private transient volatile StyleModel model;

  private record Key(String path, ModelSpec spec, ModelOptions options) implements Serializable {}

  /** A loader for {@code file} as described by {@code spec}. */
  public ModelLoader(Path file, ModelSpec spec, ModelOptions options) {
    this.key = new Key(file.toAbsolutePath().normalize().toString(), spec, options);
  }

  /**
   * A loader for {@code file} as described by its properties file or the defaults for its
   * extension. Call it on the driver, so that a bad properties file fails before any task starts.
   */
  public static ModelLoader of(Path file, ModelOptions options) {
    return new ModelLoader(file, ModelSpec.forModel(file), options);
  }

  /** A loader for the same model with other options (another device, say). */
  public ModelLoader withOptions(ModelOptions options) {
    return new ModelLoader(Path.of(key.path()), key.spec(), options);
  }

  /** How the model runs. */
  public ModelOptions options() {
    return key.options();
  }

  /** The model file. */
  public Path file() {
    return Path.of(key.path());
  }

  /** The model, loaded on first use in this JVM. */
  public StyleModel model() {
    StyleModel loaded = model;
    if (loaded == null) {
      loaded = shared(key);
      model = loaded;
    }
    return loaded;
  }

  /** A new predictor for the calling thread; close it after use. */
  public Predictor<FrameBatch, FrameBatch> newPredictor() {
    return model().newPredictor();
  }

  /** What the model expects. */
  public ModelSpec spec() {
    return key.spec();
  }

  private static synchronized StyleModel shared(Key key) {
    return MODELS.computeIfAbsent(
        key, k -> StyleModel.load(Path.of(k.path()), k.spec(), k.options()));
  }
}
