package org.stylepipe.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stylepipe.stylize.NpyArray;

/**
 * Adam (Kingma and Ba) with its moments held here, so that a checkpoint can save them and a resumed
 * run continue exactly: DJL's own {@code Adam} keeps them private. The update itself is the
 * engine's fused kernel, as DJL's optimizer calls it; it also clears the gradients.
 */
final class Adam {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final Map<String, NDArray> means = new LinkedHashMap<>();
  private final Map<String, NDArray> variances = new LinkedHashMap<>();
  private int updates;

  /** Zero moments for {@code parameters}, in {@code manager}. */
  Adam(Map<String, NDArray> parameters, NDManager manager) {
    parameters.forEach(
        (name, p) -> {
          means.put(name, zeros(p, manager));
          variances.put(name, zeros(p, manager));
        });
  }

  /** Updates every parameter from its gradient with {@code learningRate}. */
  void update(Map<String, NDArray> parameters, float learningRate) {
    updates++;
    double correction = Math.sqrt(1 - Math.pow(BETA2, updates)) / (1 - Math.pow(BETA1, updates));
    parameters.forEach(
        (name, weight) ->
            weight
                .getNDArrayInternal()
                .adamUpdate(
                    new NDList(weight, weight.getGradient(), means.get(name), variances.get(name)),
                    new NDList(weight),
                    learningRate,
                    (float) (learningRate * correction),
                    0f,
                    1f,
                    Float.MAX_VALUE,
                    BETA1,
                    BETA2,
                    EPSILON,
                    true,
                    false));
  }

  /** Updates so far. */
  int updates() {
    return updates;
  }

  /** The first moments, by parameter name, copied to Java. */
  Map<String, NpyArray> means() {
    return copy(means);
  }

  /** The second moments, by parameter name, copied to Java. */
  Map<String, NpyArray> variances() {
    return copy(variances);
  }

  /** Restores moments and update count saved from an optimizer of the same parameters. */
  void restore(Map<String, NpyArray> savedMeans, Map<String, NpyArray> savedVariances, int count) {
    set(means, savedMeans);
    set(variances, savedVariances);
    updates = count;
  }

  private static void set(Map<String, NDArray> state, Map<String, NpyArray> saved) {
    if (!saved.keySet().equals(state.keySet())) {
      throw new IllegalArgumentException(
          "Cannot restore the optimizer: the checkpoint holds moments of "
              + saved.keySet()
              + ", the student has "
              + state.keySet());
    }
    state.forEach((name, array) -> array.set(saved.get(name).data()));
  }

  private static Map<String, NpyArray> copy(Map<String, NDArray> state) {
    Map<String, NpyArray> copy = new LinkedHashMap<>();
    state.forEach(
        (name, array) ->
            copy.put(
                name,
                new NpyArray(
                    "<f4",
                    array.getShape().getShape(),
                    array.toType(DataType.FLOAT32, false).toFloatArray())));
    return copy;
  }

  private static NDArray zeros(NDArray like, NDManager manager) {
    return manager.zeros(like.getShape(), like.getDataType(), like.getDevice());
  }
}
