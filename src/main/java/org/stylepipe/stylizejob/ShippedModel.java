package org.stylepipe.stylizejob;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaSparkContext;
import org.stylepipe.stylize.ModelFile;
import org.stylepipe.stylize.ModelLoader;
import org.stylepipe.stylize.ModelOptions;
import org.stylepipe.stylize.ModelSpec;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A style model read and checked once on the driver ({@link ModelCheck}) and shipped to the
 * executors with Spark's {@code addFile}, as a file named by its SHA-256: no executor needs the
 * model at a path of its own, nor access to the store it came from. Before an executor JVM loads
 * its copy, it checks the copy's size and SHA-256 against what the driver read (once per JVM); a
 * copy that differs fails the task, naming the model's URI. What is shipped is the model as read,
 * or the model the driver made of it to run on another engine (an {@code .npz} model's ONNX export,
 * {@link ModelCheck}), which is named and checked by its own SHA-256. The checked copy is loaded
 * from a folder of its own: DJL takes a model file's folder for the model's and loads block
 * factories from any jar in it, and Spark fetches the application's jars into the same folder as
 * its files.
 *
 * <p>Serializable: executor functions carry it; {@link #loader()} is called on the executors.
 */
public final class ShippedModel implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies verified in this JVM: the shipped copy, and the one to load. */
  private static final Map<Path, Path> VERIFIED = new ConcurrentHashMap<>();

  private final ModelFile file;
  private final ModelFile shipped;
  private final ModelSpec spec;
  private final ModelOptions options;
  private final String engine;
  private final transient Path driverCopy;

  ShippedModel(
      ModelFile file,
      ModelFile shipped,
      ModelSpec spec,
      ModelOptions options,
      String engine,
      Path copy) {
    this.file = file;
    this.shipped = shipped;
    this.spec = spec;
    this.options = options;
    this.engine = engine;
    this.driverCopy = copy;
  }

  /** The model's URI, size and SHA-256, as {@code --model} names it. */
  public ModelFile file() {
    return file;
  }

  /** What is shipped and loaded: {@link #file()}, or the model the driver made of it. */
  public ModelFile shipped() {
    return shipped;
  }

  /** What the shipped model expects, its format included. */
  public ModelSpec spec() {
    return spec;
  }

  /** The engine that runs it, with its version, as the driver loaded it. */
  public String engine() {
    return engine;
  }

  /** The driver's copy of the shipped model, shipped by {@link #ship}. */
  public Path driverCopy() {
    return driverCopy;
  }

  /**
   * Makes the driver's copy available to every executor of {@code jsc} (once per Spark application:
   * its name holds its checksum); call before the tasks.
   */
  public void ship(JavaSparkContext jsc) {
    boolean added =
        CollectionConverters.asJava(jsc.sc().listFiles()).stream()
            .anyMatch(uri -> uri.endsWith("/" + shipped.copyName()));
    if (!added) {
      jsc.addFile(driverCopy.toString());
    }
  }

  /**
   * On an executor: a loader for this JVM's copy of the model, with the CPU options (the task picks
   * its device), after checking the copy.
   *
   * @throws IllegalStateException naming the model's URI, if the copy is missing or differs from
   *     what the driver read
   */
  public ModelLoader loader() {
    Path copy = Path.of(SparkFiles.get(shipped.copyName()));
    return new ModelLoader(VERIFIED.computeIfAbsent(copy, this::verified), spec, options);
  }

  /** Checks the shipped copy and links it into {@code stylepipe-model-<sha256>/} beside it. */
  private Path verified(Path copy) {
    if (!Files.isRegularFile(copy)) {
      throw new IllegalStateException(
          "Cannot load model "
              + shipped.uri()
              + ": this executor has no copy at "
              + copy
              + " (the driver ships it before the tasks run)");
    }
    try {
      shipped.verify(copy);
      Path own =
          Files.createDirectories(copy.resolveSibling("stylepipe-model-" + shipped.sha256()))
              .resolve(shipped.copyName());
      if (!Files.exists(own)) {
        Path temp = Files.createTempFile(own.getParent(), ".link-", ".tmp");
        Files.delete(temp);
        try {
          Files.createLink(temp, copy);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(copy, temp);
        }
        Files.move(temp, own, StandardCopyOption.REPLACE_EXISTING);
      }
      return own;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + copy + ", the copy of " + shipped.uri(), e);
    }
  }
}
