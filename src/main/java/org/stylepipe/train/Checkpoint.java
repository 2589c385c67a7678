package org.stylepipe.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stylepipe.output.FileStore;
import org.stylepipe.stylize.NpyArray;
import org.stylepipe.stylize.NpzReader;
import org.stylepipe.stylize.NpzWriter;

/**
 * Everything a training run needs to continue after a kill: the student's weights, the optimizer's
 * moments and update count, the next step, and the history. Stored as one {@code .npz} file ({@code
 * numpy.load} opens it: {@code student/<name>}, {@code adam/mean/<name>}, {@code
 * adam/variance/<name>}, {@code state}, {@code history/*}) written whole by {@link FileStore}, so a
 * kill while it is written leaves the previous checkpoint intact.
 *
 * @param step steps done (the next step to run)
 * @param adamUpdates updates the optimizer made (steps done less the skipped ones)
 */
record Checkpoint(
    int step,
    int adamUpdates,
    Map<String, NpyArray> weights,
    Map<String, NpyArray> means,
    Map<String, NpyArray> variances,
    TrainingHistory history) {

  private static final String STUDENT = "student/";
  private static final String MEAN = "adam/mean/";
  private static final String VARIANCE = "adam/variance/";
  private static final String STATE = "state";

  void write(String uri, FileStore store) throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    arrays.put(STATE, new NpyArray("<f4", new long[] {2}, new float[] {step, adamUpdates}));
    weights.forEach((name, a) -> arrays.put(STUDENT + name, a));
    means.forEach((name, a) -> arrays.put(MEAN + name, a));
    variances.forEach((name, a) -> arrays.put(VARIANCE + name, a));
    arrays.putAll(history.toArrays());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    NpzWriter.write(arrays, bytes);
    store.write(uri, bytes.toByteArray());
  }

  /** The checkpoint at {@code uri}, or null if there is none. */
  static Checkpoint read(String uri, FileStore store) throws IOException {
    byte[] bytes;
    try {
      bytes = store.read(uri);
    } catch (FileNotFoundException e) {
      return null;
    }
    Map<String, NpyArray> arrays = NpzReader.read(new ByteArrayInputStream(bytes), uri);
    NpyArray state = arrays.get(STATE);
    if (state == null || state.data().length != 2) {
      throw new IllegalArgumentException("Cannot resume from " + uri + ": it has no state array");
    }
    return new Checkpoint(
        (int) state.data()[0],
        (int) state.data()[1],
        withPrefix(arrays, STUDENT),
        withPrefix(arrays, MEAN),
        withPrefix(arrays, VARIANCE),
        TrainingHistory.of(arrays));
  }

  private static Map<String, NpyArray> withPrefix(Map<String, NpyArray> arrays, String prefix) {
    Map<String, NpyArray> selected = new LinkedHashMap<>();
    arrays.forEach(
        (name, a) -> {
          if (name.startsWith(prefix)) {
            selected.put(name.substring(prefix.length()), a);
          }
        });
    return selected;
  }
}
