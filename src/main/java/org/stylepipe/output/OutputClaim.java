package org.stylepipe.output;

import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.JobRefusedException;

/**
 * A run's claim on its output, taken before the job writes anything and closed at its end: the
 * output's {@link OutputLease lease}, and the decision what becomes of what the output holds.
 *
 * <ul>
 *   <li>An output without stylepipe files is new: the run writes its {@link OutputMarker marker}.
 *   <li>An output made by the same kind of job with the same options is resumed ({@link
 *       #resume()}).
 *   <li>An output of another kind, made with other options, or holding stylepipe files without a
 *       marker is refused, nothing touched, unless the run overwrites: then everything any job left
 *       there is removed first.
 *   <li>A guest ({@link JobKind#host()}: the flicker job in a stylize output, the keyframe stylize
 *       job in a dataset) writes beside its host's files and leaves the marker alone.
 * </ul>
 *
 * <p>A run removes {@code _SUCCESS} before it writes, so no reader takes the output for complete
 * while it works (a guest leaves it: it adds to a complete output).
 */
public final class OutputClaim implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutputClaim.class);

  private final OutputLease lease;
  private final boolean resume;
  private final String root;
  private final Configuration conf;

  private OutputClaim(OutputLease lease, boolean resume, String root, Configuration conf) {
    this.lease = lease;
    this.resume = resume;
    this.root = root;
    this.conf = conf;
  }

  /**
   * Claims {@code layout}'s output for a run of {@code kind} made with options {@code options}.
   *
   * @param overwrite whether to replace an output of another kind or made with other options
   * @throws JobRefusedException {@code Cannot write to <output>: <why>} if another run holds the
   *     output or it is refused (nothing is touched)
   */
  public static OutputClaim take(
      OutputLayout layout, JobKind kind, String options, boolean overwrite, Configuration conf)
      throws IOException {
    try {
      plan(layout, kind, options, overwrite, conf); // a refused output is left untouched
    } catch (JobRefusedException refused) {
      OutputLease.refuseIfHeld(layout, kind, conf); // a run writing it now is the better reason
      throw refused;
    }
    OutputLease lease = OutputLease.take(layout, kind, conf);
    try {
      return new OutputClaim(
          lease, plan(layout, kind, options, overwrite, conf).apply(), layout.root(), conf);
    } catch (IOException | RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** Whether the run resumes an output made with the same options. */
  public boolean resume() {
    return resume;
  }

  /** The id of the run holding the output, for logs and reports. */
  public String runId() {
    return lease.runId();
  }

  /**
   * Checks that this run still holds the output; call it before writing {@code _SUCCESS}.
   *
   * @throws IOException naming the run that took the output over
   */
  public void checkHeld() throws IOException {
    lease.checkHeld();
  }

  /**
   * Ends the run's writing: removes the temporary files of task attempts cut short (a lost
   * executor's half-written images) and checks that this run still holds the output; call it when
   * every task is done, before writing {@code _SUCCESS}.
   *
   * @throws IOException naming the run that took the output over
   */
  public void finish() throws IOException {
    int removed = FileStore.removeTemporaries(root, conf);
    if (removed > 0) {
      LOG.info("Removed {} temporary files of task attempts cut short in {}", removed, root);
    }
    checkHeld();
  }

  @Override
  public void close() {
    lease.close();
  }

  /** What a run does to the output before it writes: keep it as it is, or start it anew. */
  private record Plan(
      OutputLayout layout,
      OutputMarker marker,
      boolean guest,
      boolean resume,
      boolean replace,
      Configuration conf) {
    /** Prepares the output; returns whether the run resumes it. */
    boolean apply() throws IOException {
      if (guest) {
        return false;
      }
      delete(layout.successMarker(), conf);
      if (!resume) {
        if (replace) {
          LOG.warn("Removing everything stylepipe wrote in {} (--overwrite true)", layout.root());
        }
        removeEverything(layout, conf);
      }
      marker.write(layout, conf);
      return resume;
    }
  }

  /**
   * What a run of {@code kind} does to the output, found without changing anything.
   *
   * @throws JobRefusedException if the output is refused
   */
  private static Plan plan(
      OutputLayout layout, JobKind kind, String options, boolean overwrite, Configuration conf)
      throws IOException {
    OutputMarker marker = OutputMarker.read(layout, conf);
    OutputMarker mine = new OutputMarker(kind, options);
    if (marker != null && marker.kind() == kind.host()) {
      return new Plan(layout, marker, true, false, false, conf); // adds beside the host's files
    }
    String cannot = "Cannot write to " + layout.root() + " as stylepipe " + kind.command() + ": ";
    if (kind.onlyGuest()) {
      throw new JobRefusedException(
          cannot
              + "it holds no output of stylepipe "
              + kind.host().command()
              + (marker == null ? "" : " but one of stylepipe " + marker.kind().command()));
    }
    boolean complete = exists(layout.successMarker(), conf);
    String conflict = null;
    if (marker == null && holdsFiles(layout, conf)) {
      conflict =
          "it holds files of stylepipe (or another program) but no marker "
              + layout.marker()
              + " saying which job made them";
    } else if (marker != null && marker.kind() != kind) {
      conflict =
          "it holds "
              + (complete ? "the output" : "an unfinished run")
              + " of stylepipe "
              + marker.kind().command()
              + ", another kind of job ("
              + marker.options()
              + ")";
    } else if (marker != null && !marker.options().equals(options)) {
      conflict =
          "it holds "
              + (complete ? "an output" : "an unfinished run")
              + " of stylepipe "
              + kind.command()
              + " made with other options ("
              + marker.options()
              + ")";
    }
    if (conflict != null && !overwrite) {
      throw new JobRefusedException(
          cannot
              + conflict
              + "; use --overwrite true to replace it (everything stylepipe wrote there is"
              + " removed), or another --output");
    }
    boolean resume = marker != null && conflict == null && !overwrite;
    return new Plan(layout, mine, false, resume, conflict != null, conf);
  }

  /** Whether the output holds any file or folder a stylepipe job writes, besides leases. */
  private static boolean holdsFiles(OutputLayout layout, Configuration conf) throws IOException {
    for (String entry : layout.jobEntries()) {
      if (exists(entry, conf)) {
        return true;
      }
    }
    return bookkeeping(layout, conf).length > 0;
  }

  /** Removes every file and folder a stylepipe job writes, but the leases. */
  private static void removeEverything(OutputLayout layout, Configuration conf) throws IOException {
    for (String entry : layout.jobEntries()) {
      delete(entry, conf);
    }
    for (FileStatus status : bookkeeping(layout, conf)) {
      status.getPath().getFileSystem(conf).delete(status.getPath(), true);
    }
  }

  /** The entries of {@code _stylepipe/} but the leases and temporary files. */
  private static FileStatus[] bookkeeping(OutputLayout layout, Configuration conf)
      throws IOException {
    Path meta = new Path(layout.meta());
    FileSystem fs = meta.getFileSystem(conf);
    if (!fs.exists(meta)) {
      return new FileStatus[0];
    }
    return Arrays.stream(fs.listStatus(meta))
        .filter(status -> !OutputLease.isLeaseFile(status.getPath().getName()))
        .filter(status -> !status.getPath().getName().startsWith(".")) // a writer's temporary file
        .toArray(FileStatus[]::new);
  }

  private static boolean exists(String uri, Configuration conf) throws IOException {
    Path path = new Path(uri);
    return path.getFileSystem(conf).exists(path);
  }

  private static void delete(String uri, Configuration conf) throws IOException {
    Path path = new Path(uri);
    path.getFileSystem(conf).delete(path, true);
  }
}
