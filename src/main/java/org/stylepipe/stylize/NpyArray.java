package org.stylepipe.stylize;

import java.util.Arrays;

/**
 * One array of a NumPy {@code .npz} file, widened to float32.
 *
 * @param dtype the {@code .npy} type it was stored as ({@code <f2} or {@code <f4})
 * @param shape its shape, C order
 * @param data its values, C order
 */
public record NpyArray(String dtype, long[] shape, float[] data) {

  @Override
  public String toString() {
    return dtype + Arrays.toString(shape);
  }
}
