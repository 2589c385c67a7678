package org.stylepipe.fewshot;

import java.io.Serializable;
import org.stylepipe.guides.FewShotLayout;
import org.stylepipe.output.OutputLayout;

/**
 * Where the flows of a recording's original sequence are stored: in its {@code _gen} folders, or,
 * with {@code --flow-files false}, as work files that the tracking pass reads and the end of the
 * job removes.
 */
record FlowLocations(
    FewShotLayout sequence, String recordingId, OutputLayout layout, boolean inLayout)
    implements Serializable {

  /** The forward flow of frame {@code number} (to the frame before). */
  String forward(int number) {
    return uri(sequence.flowForward(number));
  }

  /** The backward flow of frame {@code number} (to the frame after). */
  String backward(int number) {
    return uri(sequence.flowBackward(number));
  }

  private String uri(String relative) {
    if (inLayout) {
      return layout.resolve(relative);
    }
    int name = relative.lastIndexOf('/');
    int folder = relative.lastIndexOf('/', name - 1);
    return layout.workFlow(
        recordingId, relative.substring(folder + 1, name), relative.substring(name + 1));
  }
}
