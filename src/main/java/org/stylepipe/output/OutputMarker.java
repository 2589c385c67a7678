package org.stylepipe.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The marker {@code _stylepipe/output.json} that a job writes into its output before anything else:
 * the kind of job that owns the output and the options that made it. Jobs refuse outputs of another
 * kind or made with other options by it; input listings recognise stylepipe outputs by it.
 */
public record OutputMarker(JobKind kind, String options) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The marker of {@code layout}'s output, or null if it has none. */
  public static OutputMarker read(OutputLayout layout, Configuration conf) throws IOException {
    byte[] bytes;
    try {
      bytes = new FileStore(conf).read(layout.marker());
    } catch (FileNotFoundException e) {
      return null;
    }
    Map<?, ?> fields = JSON.readValue(bytes, Map.class);
    return new OutputMarker(
        JobKind.ofCommand((String) fields.get("kind")), (String) fields.get("options"));
  }

  void write(OutputLayout layout, Configuration conf) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("kind", kind.command());
    fields.put("options", options);
    new FileStore(conf)
        .write(layout.marker(), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(fields));
  }
}
