package org.stylepipe.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stylepipe.stylize.NetShape;
import org.stylepipe.stylize.NpyArray;
import org.stylepipe.stylize.TransformerNet;

/**
 * The network being trained: a {@link TransformerNet} of some {@link NetShape} on a device, its
 * parameters float32 arrays that take gradients. Not thread-safe.
 */
final class Student implements AutoCloseable {
  private final TransformerNet net;
  private final Model model;
  private final ParameterStore store;
  private final Device device;
  private final Map<String, NDArray> parameters = new LinkedHashMap<>();

  Student(NetShape shape, Map<String, NpyArray> weights, Device device) {
    this.net = new TransformerNet(shape);
    this.device = device;
    this.model = Model.newInstance("student", device, "PyTorch");
    model.setBlock(net.block());
    net.setWeights(model.getNDManager(), weights, DataType.FLOAT32, "the student's weights");
    net.parameters()
        .forEach(
            (name, parameter) -> {
              NDArray array = parameter.getArray();
              array.setRequiresGradient(true);
              parameters.put(name, array);
            });
    this.store = new ParameterStore(model.getNDManager(), false);
  }

  NetShape shape() {
    return net.shape();
  }

  Device device() {
    return device;
  }

  /** The manager the parameters live in. */
  NDManager manager() {
    return model.getNDManager();
  }

  /** The output for {@code input} (NCHW RGB in 0..255), recording gradients if {@code training}. */
  NDArray forward(NDArray input, boolean training) {
    return net.block().forward(store, new NDList(input), training).singletonOrThrow();
  }

  /** The parameter arrays by {@code state_dict} name. */
  Map<String, NDArray> parameters() {
    return parameters;
  }

  /** Whether every gradient is finite. */
  boolean gradientsFinite() {
    float sum = 0;
    for (NDArray p : parameters.values()) {
      sum += p.getGradient().abs().sum().getFloat();
    }
    return Float.isFinite(sum);
  }

  /** Sets every gradient to 0, NaN included. */
  void clearGradients() {
    for (NDArray p : parameters.values()) {
      p.getGradient().set(new float[Math.toIntExact(p.size())]);
    }
  }

  /** The weights, copied to Java, by {@code state_dict} name. */
  Map<String, NpyArray> weights() {
    Map<String, NpyArray> weights = new LinkedHashMap<>();
    parameters.forEach(
        (name, array) ->
            weights.put(
                name, new NpyArray("<f4", array.getShape().getShape(), array.toFloatArray())));
    return weights;
  }

  /** Replaces the weights (same names and shapes). */
  void setWeights(Map<String, NpyArray> weights) {
    parameters.forEach((name, array) -> array.set(weights.get(name).data()));
  }

  @Override
  public void close() {
    model.close();
  }
}
