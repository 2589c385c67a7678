package org.stylepipe.stylize;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A TorchScript model that is fast_neural_style's {@link TransformerNet}, run as DJL blocks on the
 * CPU. The scripted graph upsamples and reflection-pads full-size copies of the activations where
 * the blocks compute the decoder's upsampling convolutions on the low-resolution input ({@link
 * UpsampleConv2d}), so the blocks take well under half its time there. A TorchScript model counts
 * as a TransformerNet when its parameters are exactly a TransformerNet's {@code state_dict} (names
 * and shapes, float32) and the blocks with those weights stylize a textured test frame to the same
 * pixels, within one 8-bit level (the rounding of float32 sums taken in another order); anything
 * else runs as the script.
 */
final class ScriptedTransformerNet {
  private static final int TEST_SIZE = 64;
  private static final int MAX_LEVEL_DIFFERENCE = 1;

  private ScriptedTransformerNet() {}

  /**
   * The blocks equivalent of {@code script}, a loaded TorchScript model, or empty if it is not a
   * TransformerNet.
   *
   * @param name the model's name in error messages
   */
  static Optional<ZooModel<FrameBatch, FrameBatch>> asBlocks(
      ZooModel<FrameBatch, FrameBatch> script, ModelSpec spec, String name) {
    if (spec.guided()) {
      return Optional.empty();
    }
    Optional<Map<String, NpyArray>> weights = weights(script, name);
    if (weights.isEmpty()) {
      return Optional.empty();
    }
    TransformerNet net = new TransformerNet(NetShape.of(weights.get(), name));
    Model model = Model.newInstance(name, script.getNDManager().getDevice(), "PyTorch");
    model.setBlock(net.block());
    net.setWeights(model.getNDManager(), weights.get(), DataType.FLOAT32, name);
    ZooModel<FrameBatch, FrameBatch> blocks =
        new ZooModel<>(model, new StyleTranslator(spec, DataType.FLOAT32, true));
    if (sameFrames(script, blocks, spec)) {
      return Optional.of(blocks);
    }
    blocks.close();
    return Optional.empty();
  }

  /** The script's parameters by name, if they are exactly a TransformerNet's weights. */
  private static Optional<Map<String, NpyArray>> weights(
      ZooModel<FrameBatch, FrameBatch> script, String name) {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    for (Pair<String, Parameter> parameter : script.getBlock().getParameters()) {
      NDArray array = parameter.getValue().getArray();
      if (array.getDataType() != DataType.FLOAT32) {
        return Optional.empty();
      }
      arrays.put(
          parameter.getKey(),
          new NpyArray("<f4", array.getShape().getShape(), array.toFloatArray()));
    }
    try {
      new TransformerNet(NetShape.of(arrays, name)).checkWeights(arrays, name);
      return Optional.of(arrays);
    } catch (IllegalArgumentException notATransformerNet) {
      return Optional.empty();
    }
  }

  private static boolean sameFrames(
      ZooModel<FrameBatch, FrameBatch> script,
      ZooModel<FrameBatch, FrameBatch> blocks,
      ModelSpec spec) {
    int side = spec.paddedSize(TEST_SIZE);
    byte[] frame = new byte[side * side * 3];
    new Random(side).nextBytes(frame);
    FrameBatch test = FrameBatch.of(side, side, List.of(frame));
    byte[] expected = stylize(script, test);
    byte[] actual = stylize(blocks, test);
    for (int i = 0; i < expected.length; i++) {
      if (Math.abs((expected[i] & 0xff) - (actual[i] & 0xff)) > MAX_LEVEL_DIFFERENCE) {
        return false;
      }
    }
    return true;
  }

  private static byte[] stylize(ZooModel<FrameBatch, FrameBatch> model, FrameBatch batch) {
    try (Predictor<FrameBatch, FrameBatch> predictor = model.newPredictor()) {
      return predictor.predict(batch).frames().get(0);
    } catch (TranslateException e) {
      throw new IllegalStateException("Cannot stylize a test frame with " + model.getName(), e);
    }
  }
}
