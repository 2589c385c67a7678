package org.stylepipe.ingest;

import java.io.Serializable;

/** A recording to process: its stable id (used in output paths) and its fully qualified URI. */
public final class Recording implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String uri;

  public Recording(String id, String uri) {
    this.id = id;
    this.uri = uri;
  }

  public String id() {
    return id;
  }

  public String uri() {
    return uri;
  }

  @Override
  public String toString() {
    return id + " (" + uri + ")";
  }
}
