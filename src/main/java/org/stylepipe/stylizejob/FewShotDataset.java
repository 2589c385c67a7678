package org.stylepipe.stylizejob;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.output.GuideColumns;
import org.stylepipe.output.ManifestRow;
import org.stylepipe.output.OutputLayout;
import org.stylepipe.output.SegmentCommit;
import org.stylepipe.video.TimeBase;

/**
 * The sequences of a few-shot dataset (the dataset job's {@code --layout fewshot}) with each frame
 * paired with its noise guide of one variant, read from the dataset's manifest files on the driver,
 * free of Spark. Reading checks everything a stylize job needs before any task runs: that the
 * dataset is complete ({@code _SUCCESS}), that it is a few-shot dataset, that it has noise guides
 * of the variant asked for, and that every frame and guide its manifest lists is there (one listing
 * per folder). Any problem is an {@link IllegalArgumentException} naming the dataset.
 */
public final class FewShotDataset {
  private static final int NAMES_SHOWN = 3;

  /** A sequence and its frames, in number order. */
  public record Sequence(GuidedSequence sequence, List<GuidedFrame> frames) {
    public Sequence {
      frames = List.copyOf(frames);
    }
  }

  /** What was read: the sequences in name order, and the noise variant their guides are of. */
  public record Contents(List<Sequence> sequences, String variant) {
    public Contents {
      sequences = List.copyOf(sequences);
    }

    /** The same with each sequence named by its recording's id, as the stylize job's videos are. */
    Contents byRecording() {
      List<Sequence> renamed = new ArrayList<>();
      for (Sequence s : sequences) {
        GuidedSequence q = s.sequence();
        renamed.add(
            new Sequence(
                new GuidedSequence(
                    q.recordingId(),
                    q.recordingId(),
                    q.source(),
                    q.mirrored(),
                    q.width(),
                    q.height(),
                    q.numberDigits(),
                    q.timeBase()),
                s.frames()));
      }
      return new Contents(renamed, variant);
    }
  }

  private final OutputLayout dataset;
  private final Configuration conf;

  /** The dataset at {@code root}, a fully qualified URI. */
  public FewShotDataset(String root, Configuration conf) {
    this.dataset = new OutputLayout(root);
    this.conf = conf;
  }

  /**
   * The sequences of a complete dataset with the guides of noise variant {@code variant} ({@code
   * r10_s10}), or of the dataset's first variant if null: the original sequences if {@code
   * original}, the mirrored ones if {@code mirrored}.
   */
  public Contents read(String variant, boolean original, boolean mirrored) throws IOException {
    Path root = new Path(dataset.root());
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root)) {
      throw problem("it does not exist");
    }
    if (!fs.exists(new Path(dataset.successMarker()))) {
      throw problem(
          "it is incomplete (no _SUCCESS): let the dataset job that makes it finish (rerun its"
              + " command to resume it)");
    }
    return sequences(variant, original, mirrored);
  }

  /** As {@link #read}, from the manifest files written so far, without {@code _SUCCESS}. */
  Contents sequences(String variant, boolean original, boolean mirrored) throws IOException {
    Map<String, Path> files = SegmentCommit.files(dataset.manifest(), conf);
    if (files.isEmpty()) {
      throw problem("its manifest lists no frame");
    }
    List<ManifestRow> rows = new ArrayList<>();
    for (Map.Entry<String, Path> file : new TreeMap<>(files).entrySet()) {
      rows.addAll(
          ManifestRow.readAll(file.getValue().toString(), file.getKey().split("/")[0], conf));
    }
    if (rows.stream().anyMatch(row -> row.guides() == null)) {
      throw problem(
          "it is not a few-shot dataset (made with --layout fewshot), so its frames have no noise"
              + " guides");
    }
    Set<String> variants = new LinkedHashSet<>();
    rows.forEach(row -> variants.addAll(row.guides().noisePaths().keySet()));
    if (variants.isEmpty()) {
      throw problem("its frames have no noise guides");
    }
    String chosen = variant == null ? variants.iterator().next() : variant;
    if (!variants.contains(chosen)) {
      throw new IllegalArgumentException(
          "Cannot use --"
              + StylizeConfig.GUIDE
              + " noise:"
              + chosen
              + ": the noise guides of the few-shot dataset "
              + dataset.root()
              + " are "
              + String.join(", ", variants));
    }
    Map<String, List<ManifestRow>> bySequence = new TreeMap<>();
    for (ManifestRow row : rows) {
      if (row.variant().equals(ManifestRow.ORIGINAL) ? original : mirrored) {
        bySequence.computeIfAbsent(row.guides().sequence(), s -> new ArrayList<>()).add(row);
      }
    }
    if (bySequence.isEmpty()) {
      throw problem(
          "it has no "
              + (original ? "original" : "mirrored")
              + " sequence (--"
              + StylizeConfig.SEQUENCES
              + ")");
    }
    List<Sequence> sequences = new ArrayList<>();
    for (List<ManifestRow> sequenceRows : bySequence.values()) {
      sequences.add(sequence(sequenceRows, chosen));
    }
    checkFiles(sequences);
    return new Contents(sequences, chosen);
  }

  private Sequence sequence(List<ManifestRow> rows, String variant) {
    rows.sort(Comparator.comparingInt(row -> row.guides().number()));
    ManifestRow first = rows.get(0);
    GuideColumns guides = first.guides();
    List<GuidedFrame> frames = new ArrayList<>();
    for (ManifestRow row : rows) {
      String guide = row.guides().noisePaths().get(variant);
      if (guide == null) {
        throw problem(
            "frame "
                + row.guides().number()
                + " of sequence "
                + guides.sequence()
                + " has no noise guide "
                + variant);
      }
      frames.add(
          new GuidedFrame(
              row.guides().number(),
              row.frameIndex(),
              row.ptsUs(),
              dataset.resolve(row.path()),
              dataset.resolve(guide)));
    }
    return new Sequence(
        new GuidedSequence(
            guides.sequence(),
            first.recordingId(),
            first.source(),
            first.variant().equals(ManifestRow.MIRRORED),
            first.width(),
            first.height(),
            Math.max(3, Integer.toString(guides.sequenceLength()).length()),
            TimeBase.MICROS),
        frames);
  }

  /** Lists each folder the frames are in once, and names what is missing. */
  private void checkFiles(List<Sequence> sequences) throws IOException {
    Map<String, Set<String>> listed = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    long files = 0;
    for (Sequence sequence : sequences) {
      for (GuidedFrame frame : sequence.frames()) {
        for (String file : List.of(frame.image(), frame.guide())) {
          files++;
          Path path = new Path(file);
          Set<String> names = listed.get(path.getParent().toString());
          if (names == null) {
            names = list(path.getParent());
            listed.put(path.getParent().toString(), names);
          }
          if (!names.contains(path.getName())) {
            missing.add(file);
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      throw problem(
          "it is incomplete: "
              + missing.size()
              + " of the "
              + files
              + " frames and noise guides its manifest lists are missing ("
              + String.join(", ", missing.subList(0, Math.min(NAMES_SHOWN, missing.size())))
              + (missing.size() > NAMES_SHOWN ? ", …" : "")
              + ")");
    }
  }

  private Set<String> list(Path folder) throws IOException {
    Set<String> names = new HashSet<>();
    try {
      for (FileStatus status : folder.getFileSystem(conf).listStatus(folder)) {
        names.add(status.getPath().getName());
      }
    } catch (FileNotFoundException e) {
      // a missing folder: all its files are missing
    }
    return names;
  }

  private IllegalArgumentException problem(String reason) {
    return new IllegalArgumentException(
        "Cannot stylize the few-shot dataset "
            + dataset.root()
            + " (--"
            + StylizeConfig.DATASET
            + "): "
            + reason);
  }
}
