package org.stylepipe.config;

/** Encoding of written images. */
public enum ImageFormat {
  PNG("png"),
  JPEG("jpg");

  private final String extension;

  ImageFormat(String extension) {
    this.extension = extension;
  }

  /** File name extension without the dot. */
  public String extension() {
    return extension;
  }
}
