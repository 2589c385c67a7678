package org.stylepipe.fewshot;

import java.io.Serializable;

/**
 * The masks a game engine rendered for a recording ({@code --mask track}): a companion recording
 * with the same frame times, or a folder of one image per frame named by its index in the recording
 * ({@code 00000000.png}).
 *
 * @param uri the companion recording or folder, fully qualified
 */
public record MaskTrack(String uri, boolean folder) implements Serializable {
  @Override
  public String toString() {
    return uri;
  }
}
