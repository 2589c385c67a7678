package org.stylepipe.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs beyond Maven's dependencies (the model fixtures beside the checkout, Debian's
 * Chromium or Jupyter). A test whose requirement is missing is skipped with a message naming it, as
 * on a user's clone; with {@code STYLEPIPE_TEST_STRICT=true} (set by CI) it fails instead, so a
 * build never passes by skipping.
 */
public final class Requirements {
  /** The environment variable that turns a missing requirement into a failure. */
  public static final String STRICT = "STYLEPIPE_TEST_STRICT";

  private Requirements() {}

  /**
   * Skips (or, strict, fails) the calling test unless {@code present}; {@code missing} names it.
   */
  public static void require(boolean present, String missing) {
    if (present) {
      return;
    }
    if (Boolean.parseBoolean(System.getenv(STRICT))) {
      throw new IllegalStateException(
          missing + " (" + STRICT + "=true: a missing requirement fails)");
    }
    Assumptions.abort("Skipped: " + missing);
  }
}
