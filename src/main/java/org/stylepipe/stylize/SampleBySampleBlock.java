package org.stylepipe.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Runs a network on one sample at a time on the CPU, and on the whole batch on GPUs. On the CPU the
 * activations are channels-last ({@link StyleTranslator}): those of one sample stay dense, while a
 * batch's concatenations and element-wise operations ran as slow strided loops there (a frame of a
 * batch of 4 took 4 times a single frame's time at 720×540, most of it in {@code cat} and ReLU).
 */
final class SampleBySampleBlock extends AbstractBlock {
  private final Block net;

  SampleBySampleBlock(Block net) {
    this.net = addChildBlock("net", net);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long samples = x.getShape().get(0);
    if (samples == 1 || x.getDevice().isGpu()) {
      return net.forward(parameterStore, inputs, training, params);
    }
    NDList outputs = new NDList();
    for (NDArray sample : x.split(samples)) {
      outputs.add(
          net.forward(parameterStore, new NDList(sample), training, params).singletonOrThrow());
    }
    return new NDList(NDArrays.concat(outputs));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    net.initialize(manager, dataType, inputShapes);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return net.getOutputShapes(inputShapes);
  }
}
