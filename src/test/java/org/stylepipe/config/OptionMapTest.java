package org.stylepipe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionMapTest {
  @Test
  void booleansAreTrueOrFalseOnly() {
    assertTrue(OptionMap.fromArgs(List.of("--mirror", "TRUE")).getBoolean("mirror", false));
    for (String loose : List.of("yes", "on", "1", "no")) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class,
              () -> OptionMap.fromArgs(List.of("--mirror", loose)).getBoolean("mirror", true));
      assertEquals(
          "Cannot use --mirror " + loose + ": expected true or false", refused.getMessage());
    }
  }
}
