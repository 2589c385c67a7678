package org.stylepipe.stylizejob;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.config.GuideMode;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.storage.StoragePreflight;
import org.stylepipe.stylize.DefaultModel;
import org.stylepipe.stylize.EngineChoice;
import org.stylepipe.stylize.ModelFetch;
import org.stylepipe.stylize.ModelFormat;
import org.stylepipe.stylize.ModelOptions;
import org.stylepipe.stylize.ModelSpec;
import org.stylepipe.stylize.StyleModel;

/**
 * Checks a style model on the driver before any task runs: reads it once from wherever {@code
 * --model} points ({@link ModelFetch}), checks its SHA-256 against {@code --model-sha256} if given,
 * that it matches the options, picks its engine ({@link EngineChoice}: an {@code .npz} model to run
 * on ONNX Runtime is exported to ONNX here, and its export shipped in its place), then loads (and
 * closes) it on the CPU, so that a missing, unreadable, corrupt or mismatched model fails there,
 * naming the model as given.
 */
final class ModelCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCheck.class);

  /** Where the driver keeps the models it read, by checksum. */
  private static final Path MODELS =
      Path.of(System.getProperty("java.io.tmpdir"), "stylepipe-models");

  private ModelCheck() {}

  /**
   * The checked model, with CPU options for the tasks, which pick their device themselves; ship it
   * before the tasks run.
   *
   * @param modelOption {@code --model}: a Hadoop URI or a local path; null for the {@link
   *     DefaultModel}, written out beside the models read
   * @param sha256 the SHA-256 the model must have ({@code --model-sha256}), or null
   * @param guides the guides the job can give a guided model, besides {@code none}: {@code black},
   *     or for keyframes of a few-shot dataset also {@code noise}
   * @param engine how the engine that runs the model is picked
   * @throws JobRefusedException naming the model and the reason
   */
  static ShippedModel load(
      String modelOption,
      Configuration conf,
      String sha256,
      boolean half,
      GuideMode guide,
      int modelThreads,
      String guides,
      EngineChoice engine) {
    String model =
        modelOption != null
            ? modelOption
            : DefaultModel.writeTo(MODELS.resolve("default")).toString();
    try {
      ModelFetch.Fetched fetched = fetch(model, conf);
      if (sha256 != null && !sha256.equalsIgnoreCase(fetched.file().sha256())) {
        throw new IllegalArgumentException(
            "Cannot use model "
                + model
                + ": its SHA-256 is "
                + fetched.file().sha256()
                + ", not "
                + sha256.toLowerCase(java.util.Locale.ROOT)
                + " as --"
                + StylizeConfig.MODEL_SHA256
                + " says");
      }
      ModelSpec spec = fetched.spec();
      String name = "Cannot load model " + model + ": ";
      if (half && spec.format() != ModelFormat.NPZ) {
        throw new IllegalArgumentException(name + "half precision (--half) needs an .npz model");
      }
      if (spec.guided() && guide == GuideMode.NONE) {
        throw new IllegalArgumentException(
            name
                + "it takes a guide image beside each frame ("
                + ModelSpec.INPUT_CHANNELS
                + "=6); pass --"
                + StylizeConfig.GUIDE
                + " "
                + guides);
      }
      if (!spec.guided() && guide != GuideMode.NONE) {
        throw new IllegalArgumentException(
            name + "it takes no guide image, so --" + StylizeConfig.GUIDE + " must be none");
      }
      ModelFetch.Fetched runs =
          engine.runAs(spec.format(), model) == spec.format()
              ? fetched
              : ModelFetch.exportToOnnx(fetched, MODELS);
      ModelOptions cpu = new ModelOptions("cpu", false, modelThreads, 1);
      String engineName;
      try (StyleModel loaded = StyleModel.load(runs.copy(), model, runs.spec(), cpu)) {
        engineName = loaded.engine();
      }
      LOG.info(
          "Model {} ({} bytes, SHA-256 {}) loads on {}{}: {}",
          model,
          fetched.file().bytes(),
          fetched.file().sha256(),
          engineName,
          runs == fetched ? "" : " as its ONNX export (SHA-256 " + runs.file().sha256() + ")",
          runs.spec());
      return new ShippedModel(
          fetched.file(), runs.file(), runs.spec(), cpu, engineName, runs.copy());
    } catch (JobRefusedException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new JobRefusedException(e.getMessage(), e);
    }
  }

  /** Reads the model, after checking within seconds that its store answers. */
  private static ModelFetch.Fetched fetch(String model, Configuration conf) {
    org.apache.hadoop.fs.Path location = ModelFetch.location(model, conf);
    try {
      StoragePreflight.checkReadable("model " + model, location, conf);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return ModelFetch.fetch(model, conf, MODELS);
  }
}
