package org.stylepipe.stylize;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * A float32 array with its shape, and raw forward passes of models on it, for comparing engines.
 */
record Tensor(float[] data, long[] shape) {

  /** A 1x3xHxW RGB 0..255 tensor of a BGR frame. */
  static Tensor ofFrame(byte[] bgr, int width, int height) {
    float[] data = new float[3 * width * height];
    int plane = width * height;
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        data[c * plane + i] = bgr[i * 3 + 2 - c] & 0xff;
      }
    }
    return new Tensor(data, new long[] {1, 3, height, width});
  }

  static Tensor forward(Model model, Tensor input) throws Exception {
    try (Predictor<Tensor, Tensor> predictor = model.newPredictor(new Raw())) {
      return predictor.predict(input);
    }
  }

  static ZooModel<Tensor, Tensor> load(Path file, String engine) throws Exception {
    return Criteria.builder()
        .setTypes(Tensor.class, Tensor.class)
        .optModelPath(file)
        .optEngine(engine)
        .optTranslator(new Raw())
        .build()
        .loadModel();
  }

  static float maxAbsDiff(Tensor a, Tensor b) {
    float max = 0;
    for (int i = 0; i < a.data.length; i++) {
      max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
    }
    return max;
  }

  static double meanAbsDiff(Tensor a, Tensor b) {
    double sum = 0;
    for (int i = 0; i < a.data.length; i++) {
      sum += Math.abs(a.data[i] - b.data[i]);
    }
    return sum / a.data.length;
  }

  private static final class Raw implements NoBatchifyTranslator<Tensor, Tensor> {
    @Override
    public NDList processInput(TranslatorContext ctx, Tensor input) {
      return new NDList(
          ctx.getNDManager().create(FloatBuffer.wrap(input.data), new Shape(input.shape)));
    }

    @Override
    public Tensor processOutput(TranslatorContext ctx, NDList list) {
      return new Tensor(list.get(0).toFloatArray(), list.get(0).getShape().getShape());
    }
  }
}
