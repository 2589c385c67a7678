package org.stylepipe.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

/** A digest of every file under a folder, names and bytes, to show that nothing changed. */
public final class OutputTree {
  private OutputTree() {}

  /** Every file's path relative to {@code root} and its SHA-256, one per line, sorted. */
  public static String digest(Path root) throws Exception {
    StringBuilder lines = new StringBuilder();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        lines
            .append(root.relativize(file))
            .append(' ')
            .append(HexFormat.of().formatHex(sha256.digest(Files.readAllBytes(file))))
            .append('\n');
      }
    }
    return lines.toString();
  }
}
