package org.stylepipe.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sampled frames side by side: named columns (original, mirrored, mask, noise variants; input,
 * stylized) and one row per sampled frame, holding an image per column it has. A column a row lacks
 * stays empty.
 */
public record ContactSheet(List<String> columns, List<Row> rows) {

  /** Frames a job's contact sheet samples. */
  public static final int FRAMES = 8;

  /** Width of a thumbnail in pixels; its height keeps the picture's aspect ratio. */
  static final int THUMBNAIL_WIDTH = 240;

  public ContactSheet {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * One sampled frame.
   *
   * @param images by column name
   */
  public record Row(String recordingId, long frameIndex, Map<String, Image> images) {
    public Row {
      images = Map.copyOf(images);
    }
  }

  /**
   * One thumbnail.
   *
   * @param source where the picture comes from: a path relative to the output root, or a
   *     recording's URI
   * @param jpeg the thumbnail, JPEG-encoded
   */
  public record Image(String source, int width, int height, byte[] jpeg) {}

  /** A JSON-friendly view: columns, and per row the source of each image. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("columns", columns);
    map.put(
        "rows",
        rows.stream()
            .map(
                row -> {
                  Map<String, Object> r = new LinkedHashMap<>();
                  r.put("recording_id", row.recordingId());
                  r.put("frame_index", row.frameIndex());
                  Map<String, String> sources = new LinkedHashMap<>();
                  for (String column : columns) {
                    Image image = row.images().get(column);
                    if (image != null) {
                      sources.put(column, image.source());
                    }
                  }
                  r.put("images", sources);
                  return r;
                })
            .toList());
    return map;
  }
}
