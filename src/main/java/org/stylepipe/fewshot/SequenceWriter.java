package org.stylepipe.fewshot;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.stylepipe.decode.DecodedFrame;
import org.stylepipe.output.FileStore;
import org.stylepipe.output.GuideColumns;
import org.stylepipe.output.ManifestRow;
import org.stylepipe.output.OutputLayout;

/**
 * Writes a segment's files into its sequences and describes its frames as manifest rows. Not
 * thread-safe.
 */
final class SequenceWriter {
  private final SequenceTask task;
  private final OutputLayout layout;
  private final FileStore store;
  private final MessageDigest sha256;

  SequenceWriter(SequenceTask task, OutputLayout layout, FileStore store) {
    this.task = task;
    this.layout = layout;
    this.store = store;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code bytes} to {@code path}, relative to the output root. */
  void write(String path, byte[] bytes) throws IOException {
    store.write(layout.resolve(path), bytes);
  }

  /**
   * Writes a frame's image to {@code path} and returns its row, with the guide columns the frame
   * has so far (its noise guides are added by the render pass).
   */
  ManifestRow writeFrame(
      DecodedFrame frame,
      String variant,
      int width,
      int height,
      String path,
      byte[] png,
      GuideColumns guides)
      throws IOException {
    write(path, png);
    return new ManifestRow(
        task.recording().id(),
        task.recording().uri(),
        task.segment().index(),
        frame.index(),
        frame.ptsUs(),
        variant,
        width,
        height,
        frame.rotation(),
        path,
        png.length,
        HexFormat.of().formatHex(sha256.digest(png)),
        guides);
  }

  static GuideColumns columns(String sequence, int length, int number, boolean key, String mask) {
    return new GuideColumns(sequence, length, number, key, mask, null, null, Map.of());
  }
}
