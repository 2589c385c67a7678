package org.stylepipe.stylize;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * Reads a model once, on the driver, from any Hadoop URI ({@code s3a://}, {@code hdfs://}, {@code
 * file://}) or local path, with its properties file beside it if there is one ({@link
 * ModelSpec#PROPERTIES_SUFFIX}): the bytes go to a local copy named by their SHA-256, digested as
 * they are read. Every problem is an {@link IllegalArgumentException} naming the model as given.
 */
public final class ModelFetch {
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

  /** A fetched model: the identity of its bytes, what it expects, and the local copy. */
  public record Fetched(ModelFile file, ModelSpec spec, java.nio.file.Path copy) {}

  private ModelFetch() {}

  /**
   * Where {@code model} is: a URI with a scheme as it is, a local path made absolute.
   *
   * @throws IllegalArgumentException if no Hadoop file system serves its scheme
   */
  public static Path location(String model, Configuration conf) {
    if (!SCHEME.matcher(model).matches()) {
      return new Path(java.nio.file.Path.of(model).toAbsolutePath().normalize().toUri());
    }
    Path path = new Path(model);
    String scheme = path.toUri().getScheme();
    try {
      FileSystem.getFileSystemClass(scheme, conf);
    } catch (UnsupportedFileSystemException e) {
      throw cannotRead(
          model,
          "no file system serves the scheme '"
              + scheme
              + "'; use a local path or a URI such as s3a://, hdfs:// or file://");
    } catch (IOException e) {
      throw cannotRead(model, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return path;
  }

  /**
   * Reads {@code model} and its properties file into {@code folder}.
   *
   * @throws IllegalArgumentException naming the model: it cannot be read, is a folder, changed
   *     while read, or its properties file is invalid
   */
  public static Fetched fetch(String model, Configuration conf, java.nio.file.Path folder) {
    Path path = location(model, conf);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(path);
      if (status.isDirectory()) {
        throw cannotRead(model, "it is a folder, not a model file");
      }
      Path propertiesPath =
          new Path(path.getParent(), path.getName() + ModelSpec.PROPERTIES_SUFFIX);
      Properties properties = new Properties();
      if (fs.exists(propertiesPath)) {
        try (Reader reader =
            new java.io.InputStreamReader(fs.open(propertiesPath), StandardCharsets.UTF_8)) {
          properties.load(reader);
        }
      }
      String propertiesName = model + ModelSpec.PROPERTIES_SUFFIX;
      ModelSpec spec = ModelSpec.parse(model, properties, propertiesName);
      Files.createDirectories(folder);
      java.nio.file.Path temp = Files.createTempFile(folder, ".fetch-", ".tmp");
      try {
        MessageDigest digest = ModelFile.digest();
        long read;
        try (InputStream in = new DigestInputStream(fs.open(path), digest)) {
          read = Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        if (read != status.getLen()) {
          throw cannotRead(
              model,
              "it changed while it was read (" + read + " bytes read of " + status.getLen() + ")");
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        String copyName = sha256 + spec.format().extension();
        java.nio.file.Path copy = folder.resolve(copyName);
        Files.move(temp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Fetched(new ModelFile(model, read, sha256, copyName), spec, copy);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (FileNotFoundException e) {
      throw cannotRead(model, "it does not exist");
    } catch (AccessDeniedException e) {
      throw cannotRead(model, "access denied (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw cannotRead(model, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * The {@link TransformerNet} of a fetched {@code .npz} model exported to ONNX ({@link
   * OnnxExport}), as a fetched model of its own: written into {@code folder}, named by its SHA-256,
   * its URI naming the {@code .npz} it came from, its spec the {@code .npz}'s in the ONNX format.
   * The export of the same weights always has the same bytes.
   *
   * @throws IllegalArgumentException naming the model, if its weights are not a TransformerNet's
   */
  public static Fetched exportToOnnx(Fetched npz, java.nio.file.Path folder) {
    String model = npz.file().uri();
    try {
      Map<String, NpyArray> weights = NpzReader.read(npz.copy());
      new TransformerNet(NetShape.of(weights, model)).checkWeights(weights, model);
      byte[] onnx = OnnxExport.of(weights, "stylepipe stylize");
      String sha256 = HexFormat.of().formatHex(ModelFile.digest().digest(onnx));
      ModelFile file =
          new ModelFile(model + " exported to ONNX", onnx.length, sha256, sha256 + ".onnx");
      Files.createDirectories(folder);
      java.nio.file.Path temp = Files.createTempFile(folder, ".export-", ".tmp");
      try {
        Files.write(temp, onnx);
        java.nio.file.Path copy = folder.resolve(file.copyName());
        Files.move(temp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ModelSpec spec = npz.spec();
        return new Fetched(
            file,
            new ModelSpec(ModelFormat.ONNX, spec.range(), spec.inputChannels(), spec.padMultiple()),
            copy);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw cannotRead(model, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static IllegalArgumentException cannotRead(String model, String reason) {
    return new IllegalArgumentException("Cannot read model " + model + ": " + reason);
  }
}
