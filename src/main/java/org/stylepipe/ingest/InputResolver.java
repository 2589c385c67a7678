package org.stylepipe.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.guides.MaskMode;

/**
 * Turns the job's {@code --input} values (files, folders, globs on any Hadoop file system) into
 * recordings with stable ids. A folder contributes the video files below it; a file named
 * explicitly is taken whatever its extension. A folder or glob leaves out mask tracks ({@code
 * NAME.mask.EXT} beside a {@code NAME.EXT} it also finds: masks the game engine rendered, see
 * {@link MaskMode#TRACK}). An input that matches nothing becomes an error row and the other inputs
 * go on.
 */
public final class InputResolver {
  /** File name extensions taken from folders (FFmpeg decodes more; name such files explicitly). */
  public static final Set<String> VIDEO_EXTENSIONS =
      Set.of("mp4", "m4v", "mkv", "mov", "webm", "avi", "flv", "ts", "mpg", "mpeg", "wmv");

  private final Configuration conf;

  public InputResolver(Configuration conf) {
    this.conf = conf;
  }

  /** The result: recordings in input order, and one error per input that gave none. */
  public record Resolved(List<Recording> recordings, List<ErrorRow> errors) {
    public Resolved {
      recordings = List.copyOf(recordings);
      errors = List.copyOf(errors);
    }
  }

  public Resolved resolve(List<String> inputs) {
    Set<String> uris = new LinkedHashSet<>();
    List<ErrorRow> errors = new ArrayList<>();
    for (String input : inputs) {
      try {
        List<String> found = expand(input);
        if (found.isEmpty()) {
          errors.add(
              ErrorRow.input(
                  input,
                  "no recording found there (folders are searched for " + extensions() + ")"));
        }
        uris.addAll(found);
      } catch (IOException | IllegalArgumentException e) {
        errors.add(ErrorRow.input(input, "cannot list it: " + e.getMessage()));
      }
    }
    return new Resolved(withIds(new ArrayList<>(uris)), errors);
  }

  private List<String> expand(String input) throws IOException {
    Path path = new Path(input);
    FileSystem fs = path.getFileSystem(conf);
    List<String> found = new ArrayList<>();
    FileStatus[] matches = fs.globStatus(path);
    if (matches == null || matches.length == 0) {
      throw new IOException("it does not exist");
    }
    for (FileStatus match : matches) {
      if (match.isDirectory()) {
        List<String> inFolder = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(match.getPath(), true);
        while (files.hasNext()) {
          LocatedFileStatus file = files.next();
          if (isVideo(file.getPath().getName())) {
            inFolder.add(file.getPath().toUri().toString());
          }
        }
        inFolder.sort(String::compareTo);
        found.addAll(inFolder);
      } else {
        found.add(fs.makeQualified(match.getPath()).toUri().toString());
      }
    }
    if (matches.length > 1 || matches[0].isDirectory()) {
      Set<String> companions = new HashSet<>();
      found.forEach(uri -> companions.add(MaskMode.companionOf(uri)));
      found.removeIf(companions::contains);
    }
    return found;
  }

  private static boolean isVideo(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0
        && !name.startsWith(".")
        && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String extensions() {
    return new TreeSet<>(VIDEO_EXTENSIONS).toString();
  }

  /**
   * Ids are the file's base name made path-safe; where two recordings share a base name, both get a
   * short hash of their full URI appended, so ids stay unique and the same on every run with the
   * same inputs.
   */
  static List<Recording> withIds(List<String> uris) {
    Map<String, Integer> counts = new HashMap<>();
    for (String uri : uris) {
      counts.merge(baseId(uri), 1, Integer::sum);
    }
    List<Recording> recordings = new ArrayList<>();
    for (String uri : uris) {
      String base = baseId(uri);
      recordings.add(new Recording(counts.get(base) > 1 ? base + "-" + shortHash(uri) : base, uri));
    }
    return recordings;
  }

  private static String baseId(String uri) {
    String name = new Path(URI.create(uri)).getName();
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() ? "recording" : safe;
  }

  private static String shortHash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
