package org.stylepipe.ingest;

import java.io.Serializable;

/** A recording to process: its stable id (used in output paths) and its fully qualified URI. */
public record Recording(String id, String uri) implements Serializable {
  @Override
  public String toString() {
    return id + " (" + uri + ")";
  }
}
