package org.stylepipe.stylize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * stylepipe's own style model, bundled in its jar: a {@code .npz} TransformerNet student of 8-16-32
 * widths with 3 residual blocks, which the train job distilled from {@code fast_neural_style}'s
 * mosaic model (pytorch/examples, BSD-3-Clause) on the bundled sample ({@code
 * jobs/train-default-model}). The stylize job runs it when no {@code --model} is given, written out
 * to a local file first so that it is read, checked and shipped like any other model.
 */
public final class DefaultModel {
  /** The model's file name, in the jar and when written out. */
  public static final String NAME = "mosaic-student.npz";

  private static final String RESOURCE = "/org/stylepipe/models/" + NAME;

  private DefaultModel() {}

  /** The model's bytes, as bundled. */
  public static byte[] bytes() {
    try (InputStream in = DefaultModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "Cannot read the default model: " + RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the default model " + RESOURCE, e);
    }
  }

  /**
   * Writes the model to {@code folder}/{@value #NAME} unless it already holds these bytes, and
   * returns that file. The file is replaced whole, so concurrent jobs never read a partial one.
   */
  public static Path writeTo(Path folder) {
    byte[] bytes = bytes();
    Path file = folder.resolve(NAME);
    try {
      if (Files.isRegularFile(file)
          && Files.size(file) == bytes.length
          && Arrays.equals(Files.readAllBytes(file), bytes)) {
        return file;
      }
      Files.createDirectories(folder);
      Path temp = Files.createTempFile(folder, ".default-", ".tmp");
      try {
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the default model to " + file, e);
    }
  }
}
