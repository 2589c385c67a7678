package org.stylepipe.stylizejob;

import java.io.Serializable;
import java.util.List;
import org.stylepipe.ingest.Recording;

/**
 * One recording's segment videos to join (relative to the output root), in time order, with the
 * first frame they hold, the frame size and the turn that made the frames upright, and whether the
 * source's audio is to be copied.
 */
public record JoinTask(
    Recording recording,
    List<String> segmentVideos,
    long firstFrameIndex,
    long firstPtsUs,
    int width,
    int height,
    int rotation,
    boolean copyAudio)
    implements Serializable {

  public JoinTask {
    segmentVideos = List.copyOf(segmentVideos);
  }
}
