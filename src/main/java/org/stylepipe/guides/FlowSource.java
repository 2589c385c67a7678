package org.stylepipe.guides;

import java.io.IOException;

/**
 * Where {@link TrackAdvector} gets flow fields by frame number, e.g. the flow files of a {@link
 * FewShotLayout}.
 */
public interface FlowSource {
  /** The forward flow of {@code frame}: from it to the frame before. */
  FlowField forward(int frame) throws IOException;

  /** The backward flow of {@code frame}: from it to the frame after. */
  FlowField backward(int frame) throws IOException;
}
