package org.stylepipe.fewshot;

import java.io.IOException;
import org.stylepipe.guides.FlowField;
import org.stylepipe.guides.FlowFile;
import org.stylepipe.guides.FlowSource;
import org.stylepipe.output.FileStore;

/** The flow files of a sequence, read as the tracking pass needs them. */
final class StoredFlows implements FlowSource {
  private final FlowLocations locations;
  private final FileStore store;

  StoredFlows(FlowLocations locations, FileStore store) {
    this.locations = locations;
    this.store = store;
  }

  @Override
  public FlowField forward(int frame) throws IOException {
    return read(locations.forward(frame));
  }

  @Override
  public FlowField backward(int frame) throws IOException {
    return read(locations.backward(frame));
  }

  private FlowField read(String uri) throws IOException {
    try {
      return FlowFile.decode(store.read(uri));
    } catch (IllegalArgumentException e) {
      throw new IOException("Cannot read " + uri + ": " + e.getMessage(), e);
    }
  }
}
