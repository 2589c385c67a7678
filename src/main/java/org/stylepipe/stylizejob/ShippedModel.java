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
 * copy that differs fails the task, naming the model's URI. The checked copy is loaded from a
 * folder of its own: DJL takes a model file's folder for the model's and loads block factories from
 * any jar in it, and Spark fetches the application's jars into the same folder as its files.
 *
 * <p>Serializable: executor functions carry it; {@link #loader()} is called on the executors.
 */
public final class ShippedModel implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies verified in this JVM: the shipped copy, and the one to load. */
  private static final Map<Path, Path> VERIFIED = new ConcurrentHashMap<>();

  private final ModelFile file;
  private final ModelSpec spec;
  private final ModelOptions options;
  private final String engine;
  private final transient Path driverCopy;

  ShippedModel(ModelFile file, ModelSpec spec, ModelOptions options, String engine, Path copy) {
    this.file = file;
    this.spec = spec;
    this.options = options;
    this.engine = engine;
    this.driverCopy = copy;
  }

  /** The model's URI, size and SHA-256. */
  public ModelFile file() {
    return file;
  }

  /** What the model expects. */
  public ModelSpec spec() {
    return spec;
  }

  /** The engine that runs it, with its version, as the driver loaded it. */
  public String engine() {
    return engine;
  }

  /** The driver's copy of the model, shipped by {@link #ship}. */
  public Path driverCopy() {
    return driverCopy;
  }

  /**
   * Makes the driver's copy available to every executor of {@code jsc} (once per Spark application:
   * its name holds its checksum); call before the tasks.
   */
  public void ship(JavaSparkContext jsc) {
    boolean shipped =
        CollectionConverters.asJava(jsc.sc().listFiles()).stream()
            .anyMatch(uri -> uri.endsWith("/" + file.copyName()));
    if (!shipped) {
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
    Path shipped = Path.of(SparkFiles.get(file.copyName()));
    return new ModelLoader(VERIFIED.computeIfAbsent(shipped, this::verified), spec, options);
  }

  /** Checks the shipped copy and links it into {@code stylepipe-model-<sha256>/} beside it. */
  private Path verified(Path shipped) {
    if (!Files.isRegularFile(shipped)) {
      throw new IllegalStateException(
          "Cannot load model "
              + file.uri()
              + ": this executor has no copy at "
              + shipped
              + " (the driver ships it before the tasks run)");
    }
    try {
      file.verify(shipped);
      Path own =
          Files.createDirectories(shipped.resolveSibling("stylepipe-model-" + file.sha256()))
              .resolve(file.copyName());
      if (!Files.exists(own)) {
        Path temp = Files.createTempFile(own.getParent(), ".link-", ".tmp");
        Files.delete(temp);
        try {
          Files.createLink(temp, shipped);
        } catch (IOException | UnsupportedOperationException e) {
          Files.copy(shipped, temp);
        }
        Files.move(temp, own, StandardCopyOption.REPLACE_EXISTING);
      }
      return own;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + shipped + ", the copy of " + file.uri(), e);
    }
  }
}
