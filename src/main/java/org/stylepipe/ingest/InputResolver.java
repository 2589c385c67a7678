package org.stylepipe.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
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
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.ErrorRow;
import org.stylepipe.guides.MaskMode;
import org.stylepipe.video.VideoStreams;

/**
 * Turns the job's {@code --input} values (files, folders, globs on any Hadoop file system) into
 * recordings with stable ids. A path that exists is taken as named, never as a glob (a file {@code
 * a[1].mp4} is that file); a file named explicitly is taken whatever its extension; a folder
 * contributes the video files below it. Folders and globs leave out stylepipe outputs (folders with
 * a {@code _stylepipe/output.json} marker, the job's own among them), so an output inside an input
 * folder is never read back. A folder or glob leaves out mask tracks ({@code NAME.mask.EXT} beside
 * a {@code NAME.EXT} it also finds: masks the game engine rendered, see {@link MaskMode#TRACK}). An
 * input that matches nothing becomes an error row and the other inputs go on.
 */
public final class InputResolver {
  private static final Logger LOG = LoggerFactory.getLogger(InputResolver.class);

  /** File name extensions taken from folders (FFmpeg decodes more; name such files explicitly). */
  public static final Set<String> VIDEO_EXTENSIONS =
      Set.of("mp4", "m4v", "mkv", "mov", "webm", "avi", "flv", "ts", "mpg", "mpeg", "wmv");

  private final Configuration conf;
  private final int videoStream;

  /** A resolver of recordings whose default video stream is read. */
  public InputResolver(Configuration conf) {
    this(conf, VideoStreams.DEFAULT);
  }

  /** A resolver of recordings whose video stream {@code videoStream} is read. */
  public InputResolver(Configuration conf, int videoStream) {
    this.conf = conf;
    this.videoStream = videoStream;
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
    return new Resolved(withIds(new ArrayList<>(uris), videoStream), errors);
  }

  private List<String> expand(String input) throws IOException {
    Path path = new Path(input);
    FileSystem fs = path.getFileSystem(conf);
    List<String> found = new ArrayList<>();
    FileStatus named = statusOrNull(fs, path);
    FileStatus[] matches;
    if (named != null) {
      matches = new FileStatus[] {named}; // named explicitly: never a glob, whatever its name
    } else {
      matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw new IOException("it does not exist");
      }
    }
    StylepipeOutputs outputs = new StylepipeOutputs(fs);
    for (FileStatus match : matches) {
      if (named == null && outputs.inside(match.getPath())) {
        continue;
      }
      if (match.isDirectory()) {
        List<String> inFolder = new ArrayList<>();
        listVideos(fs, match.getPath(), outputs, inFolder);
        inFolder.sort(String::compareTo);
        found.addAll(inFolder);
      } else {
        found.add(fs.makeQualified(match.getPath()).toString());
      }
    }
    if (matches.length > 1 || matches[0].isDirectory()) {
      Set<String> companions = new HashSet<>();
      found.forEach(uri -> companions.add(MaskMode.companionOf(uri)));
      found.removeIf(companions::contains);
    }
    return found;
  }

  private static FileStatus statusOrNull(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /**
   * Adds the videos below {@code folder} to {@code found}, leaving out the folders of stylepipe
   * outputs (this job's own among them: its marker is written before the inputs are listed).
   */
  private static void listVideos(
      FileSystem fs, Path folder, StylepipeOutputs outputs, List<String> found) throws IOException {
    if (outputs.isOutput(folder)) {
      LOG.info("Leaving out {}: it is a stylepipe output", folder);
      return;
    }
    for (FileStatus entry : fs.listStatus(folder)) {
      if (entry.isDirectory()) {
        listVideos(fs, entry.getPath(), outputs, found);
      } else if (isVideo(entry.getPath().getName())) {
        found.add(fs.makeQualified(entry.getPath()).toString());
      }
    }
  }

  /** Recognises stylepipe outputs by their marker, asking the store once per folder. */
  private static final class StylepipeOutputs {
    private final FileSystem fs;
    private final Map<Path, Boolean> known = new HashMap<>();

    StylepipeOutputs(FileSystem fs) {
      this.fs = fs;
    }

    boolean isOutput(Path folder) throws IOException {
      Boolean output = known.get(folder);
      if (output == null) {
        output = fs.exists(new Path(new Path(folder, "_stylepipe"), "output.json"));
        known.put(folder, output);
      }
      return output;
    }

    /** Whether {@code path} lies in a stylepipe output (a glob match, so it is left out). */
    boolean inside(Path path) throws IOException {
      for (Path folder = path.getParent(); folder != null; folder = folder.getParent()) {
        if (isOutput(folder)) {
          LOG.info("Leaving out {}: it is in the stylepipe output {}", path, folder);
          return true;
        }
      }
      return false;
    }
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
   * Ids are the file's base name made path-safe (letters and digits of any script, {@code .},
   * {@code _} and {@code -}; anything else becomes {@code _}); where two recordings share a base
   * name, both get a short hash of their full URI appended, so ids stay unique and the same on
   * every run with the same inputs.
   */
  static List<Recording> withIds(List<String> uris, int videoStream) {
    Map<String, Integer> counts = new HashMap<>();
    for (String uri : uris) {
      counts.merge(baseId(uri), 1, Integer::sum);
    }
    List<Recording> recordings = new ArrayList<>();
    for (String uri : uris) {
      String base = baseId(uri);
      recordings.add(
          new Recording(
              counts.get(base) > 1 ? base + "-" + shortHash(uri) : base, uri, videoStream));
    }
    return recordings;
  }

  private static String baseId(String uri) {
    String name = Normalizer.normalize(new Path(uri).getName(), Normalizer.Form.NFC);
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    String safe = name.replaceAll("[^\\p{L}\\p{N}._-]", "_");
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
