package org.stylepipe.fewshot;

import java.io.Serializable;
import java.util.List;

/** One segment for the render pass, with the keys whose tracks cover any of its frames. */
public record RenderTask(SequenceTask sequence, List<TrackRef> tracks) implements Serializable {
  public RenderTask {
    tracks = List.copyOf(tracks);
  }

  /**
   * A key's track file: its key frame and the radius of its points, as {@link
   * KeyTask#radiusName()}.
   */
  public record TrackRef(int key, String radiusName) implements Serializable {}
}
