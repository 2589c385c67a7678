package org.stylepipe.stylize;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model fixtures in {@code ../shared/models}; tests fail, rather than skip, when they are
 * missing.
 */
public final class TestModels {
  public static final Path DIR = Path.of("..", "shared", "models");

  private TestModels() {}

  public static Path file(String name) {
    Path file = DIR.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "Cannot find model fixture "
              + file.toAbsolutePath()
              + ": the tests need the shared model folder beside the project");
    }
    return file;
  }
}
