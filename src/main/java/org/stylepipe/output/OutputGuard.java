package org.stylepipe.output;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Decides, before a run writes anything, what becomes of an existing output: the same options
 * resume it, other options are refused (nothing is touched) unless the run overwrites, and an
 * overwrite removes everything the job wrote before. A run removes {@code _SUCCESS} first, so no
 * reader takes the output for complete while it works.
 */
public final class OutputGuard {
  private final OutputLayout layout;
  private final Configuration conf;

  public OutputGuard(OutputLayout layout, Configuration conf) {
    this.layout = layout;
    this.conf = conf;
  }

  /**
   * Prepares the output for a run with {@code fingerprint}.
   *
   * @return true if an existing dataset made with the same options is resumed
   * @throws IllegalArgumentException if the output holds a dataset made otherwise and {@code
   *     overwrite} is false
   */
  public boolean prepare(String fingerprint, boolean overwrite) throws IOException {
    String existing = read(layout.options());
    boolean holdsDataset =
        existing != null
            || exists(layout.manifest())
            || exists(layout.frames())
            || exists(layout.resolve(OutputLayout.fewShot()));
    boolean resume = !overwrite && fingerprint.equals(existing);
    if (holdsDataset && !resume && !overwrite) {
      throw new IllegalArgumentException(
          "Cannot write to "
              + layout.root()
              + ": it holds a dataset made with other options ("
              + (existing == null ? "unknown" : existing)
              + "); use --overwrite true to replace it, or another"
              + " --output");
    }
    delete(layout.successMarker());
    if (holdsDataset && !resume) {
      for (String folder :
          new String[] {
            layout.manifest(),
            layout.errors(),
            layout.frames(),
            layout.resolve(OutputLayout.fewShot()),
            layout.meta()
          }) {
        delete(folder);
      }
    }
    new FileStore(conf).write(layout.options(), fingerprint.getBytes(StandardCharsets.UTF_8));
    return resume;
  }

  private String read(String uri) throws IOException {
    Path path = new Path(uri);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private boolean exists(String uri) throws IOException {
    Path path = new Path(uri);
    return path.getFileSystem(conf).exists(path);
  }

  private void delete(String uri) throws IOException {
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(conf);
    fs.delete(path, true);
  }
}
