package org.stylepipe.stylize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a model's bytes, as the driver read them: where they came from ({@code --model},
 * any Hadoop URI or local path), their size and SHA-256, and the name of the copy the driver ships
 * to executors ({@code <sha256><format extension>}, so equal names hold equal bytes).
 */
public record ModelFile(String uri, long bytes, String sha256, String copyName)
    implements Serializable {

  /**
   * Checks that {@code copy} holds the bytes the driver read.
   *
   * @throws IllegalStateException naming the model's URI, if its size or SHA-256 differ
   */
  public void verify(Path copy) throws IOException {
    long size = Files.size(copy);
    String digest = size == bytes ? sha256(copy) : null;
    if (size != bytes || !sha256.equals(digest)) {
      throw new IllegalStateException(
          "Cannot load model "
              + uri
              + ": the copy this executor received ("
              + copy
              + ") has "
              + (size != bytes ? size + " bytes" : "SHA-256 " + digest)
              + ", the driver read "
              + (size != bytes ? bytes + " bytes" : "SHA-256 " + sha256)
              + "; it changed on the way");
    }
  }

  /** The SHA-256 of a file's bytes, as 64 hex digits. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  /** The SHA-256 of the bytes left in {@code in}, as 64 hex digits. */
  static String sha256(InputStream in) throws IOException {
    MessageDigest digest = digest();
    try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
      digesting.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
