package org.stylepipe.stylize;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An inference-only {@link SequentialBlock} that frees memory as it goes: the temporaries of each
 * child are closed when the child returns, and each intermediate output once the next child has
 * used it. A plain {@code SequentialBlock} keeps every intermediate array until the predictor's
 * manager closes, which for a full-resolution frame through TransformerNet adds up to gigabytes.
 * Children must return new arrays, never their input; the result is handed to the caller's {@link
 * NDScope}, if any.
 */
final class ScopedSequentialBlock extends SequentialBlock {

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDList current = inputs;
    for (Block child : getChildren().values()) {
      NDList next;
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        next = child.forward(parameterStore, current, training, params);
        NDScope.unregister(next);
      }
      if (current != inputs) {
        current.close();
      }
      current = next;
    }
    if (current != inputs) {
      current.forEach(NDScope::register);
    }
    return current;
  }
}
