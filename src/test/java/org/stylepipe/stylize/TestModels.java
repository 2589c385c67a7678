package org.stylepipe.stylize;

import java.nio.file.Files;
import java.nio.file.Path;
import org.stylepipe.testing.Requirements;

/**
 * The model fixtures in {@code ../shared/models} beside the checkout (never in the repository); a
 * test that needs a missing one is skipped, or fails under {@link Requirements#STRICT}.
 */
public final class TestModels {
  public static final Path DIR = Path.of("..", "shared", "models");

  private TestModels() {}

  public static Path file(String name) {
    Path file = DIR.resolve(name);
    Requirements.require(
        Files.isRegularFile(file),
        "model fixture "
            + file.toAbsolutePath().normalize()
            + " is missing (the model tests read ../shared/models beside the checkout)");
    return file;
  }
}
