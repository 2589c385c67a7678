package org.stylepipe.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Encodes a small table as one Parquet file in memory, so that it can be written whole and
 * atomically with {@link FileStore} (a half-written Parquet file is never visible).
 */
public final class ParquetBytes {
  private ParquetBytes() {}

  public static byte[] encode(MessageType schema, List<Group> rows) throws IOException {
    return encode(schema, rows, Map.of());
  }

  /** As {@link #encode(MessageType, List)}, with key-value metadata in the file's footer. */
  public static byte[] encode(MessageType schema, List<Group> rows, Map<String, String> metadata)
      throws IOException {
    InMemoryFile file = new InMemoryFile();
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(file)
            .withType(schema)
            .withExtraMetaData(metadata)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build()) {
      for (Group row : rows) {
        writer.write(row);
      }
    }
    return file.bytes.toByteArray();
  }

  private static final class InMemoryFile implements OutputFile {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      bytes.reset();
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return bytes.size();
        }

        @Override
        public void write(int b) {
          bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes.write(b, off, len);
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
