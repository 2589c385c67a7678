package org.stylepipe.report;

import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.output.ManifestRow;
import org.stylepipe.output.OutputLayout;

/**
 * The dataset job's contact sheet, from its manifest (read with parquet-mr, without Spark): frames
 * sampled evenly over the manifest files, each with its images side by side: the variants ({@code
 * original}, {@code mirrored}), then {@code mask} and one {@code noise <variant>} column per noise
 * guide where the manifest has the optional columns {@code mask_path} (a path) and {@code
 * noise_paths} (a map from noise variant to path). A column that no sampled frame has is left out.
 * Paths are relative to the output root.
 */
public final class DatasetSheet {
  private static final String MASK = "mask";
  private static final String NOISE = "noise ";
  private static final String PARTITION = "recording_id=";
  private static final List<String> REQUIRED = List.of("frame_index", "variant", "path");
  private static final String MASK_PATH = "mask_path";
  private static final String NOISE_PATHS = "noise_paths";

  private final OutputLayout layout;
  private final FileSystem fs;
  private final Configuration conf;

  private DatasetSheet(OutputLayout layout, Configuration conf) throws IOException {
    this.layout = layout;
    this.fs = new Path(layout.root()).getFileSystem(conf);
    this.conf = conf;
  }

  /**
   * About {@code frames} frames of the dataset at {@code layout}, spread over its manifest files.
   */
  public static ContactSheet read(OutputLayout layout, Configuration conf, int frames)
      throws IOException {
    return new DatasetSheet(layout, conf).sample(frames);
  }

  private ContactSheet sample(int wanted) throws IOException {
    List<Path> files = manifestFiles();
    int[] chosen = EvenSpread.pick(files.size(), wanted);
    int perFile = EvenSpread.perGroup(wanted, chosen.length);
    List<ContactSheet.Row> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    for (int i : chosen) {
      Path file = files.get(i);
      String recordingId = file.getParent().getName().substring(PARTITION.length());
      TreeMap<Long, Map<String, String>> byFrame = imagePaths(file);
      List<Long> indices = new ArrayList<>(byFrame.keySet());
      for (int j : EvenSpread.pick(indices.size(), Math.min(perFile, wanted - rows.size()))) {
        Map<String, ContactSheet.Image> images = new HashMap<>();
        for (Map.Entry<String, String> image : byFrame.get(indices.get(j)).entrySet()) {
          images.put(image.getKey(), thumbnail(image.getValue()));
          columns.add(image.getKey());
        }
        rows.add(new ContactSheet.Row(recordingId, indices.get(j), images));
      }
    }
    return new ContactSheet(inOrder(columns), rows);
  }

  /** The manifest files, by recording and name. */
  private List<Path> manifestFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    FileStatus[] folders;
    try {
      folders = fs.listStatus(new Path(layout.manifest()));
    } catch (FileNotFoundException e) {
      return files;
    }
    for (FileStatus folder : folders) {
      if (folder.isDirectory() && folder.getPath().getName().startsWith(PARTITION)) {
        for (FileStatus file : fs.listStatus(folder.getPath())) {
          String name = file.getPath().getName();
          if (file.isFile()
              && name.endsWith(".parquet")
              && !name.startsWith(".")
              && !name.startsWith("_")) {
            files.add(file.getPath());
          }
        }
      }
    }
    files.sort(
        Comparator.comparing((Path p) -> p.getParent().getName()).thenComparing(Path::getName));
    return files;
  }

  /** Frame index → column → image path, for every frame of one manifest file. */
  private TreeMap<Long, Map<String, String>> imagePaths(Path file) throws IOException {
    TreeMap<Long, Map<String, String>> byFrame = new TreeMap<>();
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      MessageType projection = projection(reader.getFooter().getFileMetaData().getSchema(), file);
      reader.setRequestedSchema(projection);
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection);
      boolean masks = projection.containsField(MASK_PATH);
      boolean noise = projection.containsField(NOISE_PATHS);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records =
            io.getRecordReader(pages, new GroupRecordConverter(projection));
        for (long r = 0; r < pages.getRowCount(); r++) {
          Group row = records.read();
          Map<String, String> paths =
              byFrame.computeIfAbsent(row.getLong("frame_index", 0), k -> new HashMap<>());
          paths.put(row.getString("variant", 0), row.getString("path", 0));
          if (masks && row.getFieldRepetitionCount(MASK_PATH) > 0) {
            paths.put(MASK, row.getString(MASK_PATH, 0));
          }
          if (noise && row.getFieldRepetitionCount(NOISE_PATHS) > 0) {
            putNoise(row.getGroup(NOISE_PATHS, 0), paths);
          }
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("Cannot read manifest file " + file + ": " + e.getMessage(), e);
    }
    return byFrame;
  }

  /** The columns read: those the sheet needs that the file has; the required ones must be there. */
  private static MessageType projection(MessageType schema, Path file) throws IOException {
    List<Type> fields = new ArrayList<>();
    for (String name : REQUIRED) {
      if (!schema.containsField(name)) {
        throw new IOException("Cannot read manifest file " + file + ": it has no column " + name);
      }
      fields.add(schema.getType(name));
    }
    for (String name : List.of(MASK_PATH, NOISE_PATHS)) {
      if (schema.containsField(name)) {
        fields.add(schema.getType(name));
      }
    }
    return new MessageType(schema.getName(), fields);
  }

  /**
   * The entries of a Parquet MAP (one repeated group of key and value) as {@code noise <key>}
   * columns.
   */
  private static void putNoise(Group map, Map<String, String> paths) {
    for (int i = 0; i < map.getFieldRepetitionCount(0); i++) {
      Group entry = map.getGroup(0, i);
      if (entry.getFieldRepetitionCount(1) > 0) {
        paths.put(NOISE + entry.getString(0, 0), entry.getString(1, 0));
      }
    }
  }

  private ContactSheet.Image thumbnail(String relativePath) throws IOException {
    byte[] encoded;
    try (InputStream in = fs.open(new Path(layout.resolve(relativePath)))) {
      encoded = in.readAllBytes();
    }
    try (Mat image = Thumbnails.decode(encoded, layout.resolve(relativePath))) {
      BufferedImage small = Thumbnails.scaled(image, ContactSheet.THUMBNAIL_WIDTH);
      return new ContactSheet.Image(
          relativePath, small.getWidth(), small.getHeight(), Thumbnails.jpeg(small));
    }
  }

  /**
   * Variants first (original, mirrored, then others as found), then the mask, then noise guides by
   * name.
   */
  private static List<String> inOrder(Set<String> columns) {
    List<String> ordered = new ArrayList<>();
    for (String first : List.of(ManifestRow.ORIGINAL, ManifestRow.MIRRORED)) {
      if (columns.contains(first)) {
        ordered.add(first);
      }
    }
    Set<String> noise = new TreeSet<>();
    for (String column : columns) {
      if (column.startsWith(NOISE)) {
        noise.add(column);
      } else if (!ordered.contains(column) && !column.equals(MASK)) {
        ordered.add(column);
      }
    }
    if (columns.contains(MASK)) {
      ordered.add(MASK);
    }
    ordered.addAll(noise);
    return ordered;
  }
}
