package org.stylepipe.train;

import org.stylepipe.guides.FlowField;

/**
 * The decoded files of a {@link FramePair}: both frames and their targets (of one size), and the
 * two flows (null without flow).
 */
record PairData(
    BgrImage previous,
    BgrImage current,
    BgrImage previousTarget,
    BgrImage target,
    FlowField toPrevious,
    FlowField fromPrevious) {

  PairData {
    for (BgrImage image : new BgrImage[] {current, previousTarget, target}) {
      if (image.width() != previous.width() || image.height() != previous.height()) {
        throw new IllegalArgumentException(
            "Cannot train on frames of "
                + previous.width()
                + "x"
                + previous.height()
                + " with an image of "
                + image.width()
                + "x"
                + image.height());
      }
    }
    if (toPrevious != null
        && (toPrevious.width() != previous.width() || toPrevious.height() != previous.height())) {
      throw new IllegalArgumentException(
          "Cannot train on frames of "
              + previous.width()
              + "x"
              + previous.height()
              + " with a flow of "
              + toPrevious.width()
              + "x"
              + toPrevious.height());
    }
  }

  int width() {
    return previous.width();
  }

  int height() {
    return previous.height();
  }
}
