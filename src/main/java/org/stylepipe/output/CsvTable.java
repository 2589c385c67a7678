package org.stylepipe.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Prints a table stylepipe wrote (the manifest, errors, flicker rows: a Parquet file or a folder of
 * them, partition folders {@code name=value} as columns) as CSV with a header, without Spark, for
 * tools that read CSV (pandas in the notebooks, spreadsheets). A map column is written as a JSON
 * object; a missing value as an empty field. Files are read in path order, rows in file order;
 * every file must have the first file's columns, which come first, then the partition columns.
 */
public final class CsvTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Configuration conf;

  public CsvTable(Configuration conf) {
    this.conf = conf;
  }

  /** Writes the table at {@code uri} to {@code out}; returns the number of rows. */
  public long write(String uri, Appendable out) throws IOException {
    Path root = new Path(uri);
    FileSystem fs = root.getFileSystem(conf);
    List<Path> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> listing = fs.listFiles(root, true);
    while (listing.hasNext()) {
      Path file = listing.next().getPath();
      String name = file.getName();
      if (name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
        files.add(file);
      }
    }
    files.sort(null);
    if (files.isEmpty()) {
      throw new IOException("Cannot print " + uri + ": it holds no Parquet file");
    }
    List<String> header = null;
    long rows = 0;
    for (Path file : files) {
      Map<String, String> partitions = partitions(root, file);
      MessageType schema;
      try (ParquetFileReader footer =
          ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
        schema = footer.getFooter().getFileMetaData().getSchema();
      }
      List<String> names = new ArrayList<>();
      schema.getFields().forEach(field -> names.add(field.getName()));
      names.addAll(partitions.keySet());
      if (header == null) {
        header = names;
        line(out, header);
      } else if (!header.equals(names)) {
        throw new IOException(
            "Cannot print "
                + uri
                + " as one table: "
                + file
                + " has the columns "
                + names
                + ", not "
                + header);
      }
      try (ParquetReader<Group> reader =
          ParquetReader.builder(new GroupReadSupport(), file).withConf(conf).build()) {
        Group group;
        while ((group = reader.read()) != null) {
          List<String> values = new ArrayList<>();
          for (Type field : schema.getFields()) {
            values.add(value(group, field));
          }
          values.addAll(partitions.values());
          line(out, values);
          rows++;
        }
      }
    }
    return rows;
  }

  private static Map<String, String> partitions(Path root, Path file) {
    Map<String, String> partitions = new LinkedHashMap<>();
    List<String> folders = new ArrayList<>();
    for (Path folder = file.getParent();
        folder != null && !folder.equals(root);
        folder = folder.getParent()) {
      folders.add(0, folder.getName());
    }
    for (String folder : folders) {
      int equals = folder.indexOf('=');
      if (equals > 0) {
        partitions.put(folder.substring(0, equals), folder.substring(equals + 1));
      }
    }
    return partitions;
  }

  private static String value(Group group, Type field) throws JsonProcessingException {
    String name = field.getName();
    if (group.getFieldRepetitionCount(name) == 0) {
      return "";
    }
    if (field.isPrimitive()) {
      return group.getValueToString(group.getType().getFieldIndex(name), 0);
    }
    Map<String, String> map = new LinkedHashMap<>();
    Group entries = group.getGroup(name, 0);
    GroupType entry = entries.getType().getType(0).asGroupType();
    for (int i = 0; i < entries.getFieldRepetitionCount(0); i++) {
      Group pair = entries.getGroup(0, i);
      map.put(
          pair.getValueToString(0, 0),
          pair.getFieldRepetitionCount(entry.getType(1).getName()) == 0
              ? null
              : pair.getValueToString(1, 0));
    }
    return JSON.writeValueAsString(map);
  }

  private static void line(Appendable out, List<String> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (i > 0) {
        out.append(',');
      }
      if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
        out.append('"').append(value.replace("\"", "\"\"")).append('"');
      } else {
        out.append(value);
      }
    }
    out.append('\n');
  }
}
