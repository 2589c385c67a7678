package org.stylepipe.stylizejob;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
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
 * copy that differs fails the task, naming the model's URI.
 *
 * <p>Serializable: executor functions carry it; {@link #loader()} is called on the executors.
 */
public final class ShippedModel implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies already verified in this JVM. */
  private static final Set<Path> VERIFIED = ConcurrentHashMap.newKeySet();

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
    Path copy = Path.of(SparkFiles.get(file.copyName()));
    if (!VERIFIED.contains(copy)) {
      if (!Files.isRegularFile(copy)) {
        throw new IllegalStateException(
            "Cannot load model "
                + file.uri()
                + ": this executor has no copy at "
                + copy
                + " (the driver ships it before the tasks run)");
      }
      try {
        file.verify(copy);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + copy + ", the copy of " + file.uri(), e);
      }
      VERIFIED.add(copy);
    }
    return new ModelLoader(copy, spec, options);
  }
}
