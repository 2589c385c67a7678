package org.stylepipe.stylizejob;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.config.GuideMode;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.stylize.ModelFormat;
import org.stylepipe.stylize.ModelLoader;
import org.stylepipe.stylize.ModelOptions;
import org.stylepipe.stylize.ModelSpec;
import org.stylepipe.stylize.StyleModel;

/**
 * Checks a style model on the driver before any task runs: that it matches the options, then by
 * loading (and closing) it on the CPU, so that a missing, corrupt or mismatched model fails there,
 * naming the file.
 */
final class ModelCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCheck.class);

  private ModelCheck() {}

  /**
   * The model's loader with CPU options for the tasks, which pick their device themselves.
   *
   * @param guides the guides the job can give a guided model, besides {@code none}: {@code black},
   *     or for keyframes of a few-shot dataset also {@code noise}
   * @throws IllegalArgumentException naming the model file and the reason
   */
  static ModelLoader load(
      Path model, boolean half, GuideMode guide, int modelThreads, String guides) {
    ModelSpec spec = ModelSpec.forModel(model);
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
    ModelOptions cpu = new ModelOptions("cpu", false, modelThreads, 1);
    try (StyleModel loaded = StyleModel.load(model, spec, cpu)) {
      LOG.info("Model {} loads: {}", model, loaded.spec());
    }
    return new ModelLoader(model, spec, cpu);
  }
}
