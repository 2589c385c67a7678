package org.stylepipe.flicker;

import java.io.IOException;
import org.stylepipe.decode.DecodedFrame;

/** Frames in presentation order, as a {@link org.stylepipe.decode.SegmentReader} gives them. */
@FunctionalInterface
public interface FrameSource {
  /** The next frame (valid until the next call), or null after the last. */
  DecodedFrame next() throws IOException;
}
