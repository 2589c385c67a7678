package org.stylepipe.guides;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file rules of the reference trainer (OndrejTexler/Few-Shot-Patch-Based-Training), rewritten
 * to check a layout: {@code data.py} DatasetPatches_M (training) and DatasetFullImages
 * (generation), the {@code _gen} lookup of {@code trainers.py}, and the {@code %0Nd} flow names of
 * {@code _tools/tool_gauss.py} and {@code tool_disflow.py}. Each method returns the files it opened
 * and fails on a missing one.
 */
public final class ReferenceLoader {
  private ReferenceLoader() {}

  /**
   * DatasetPatches_M: sorted {@code dir_pre}; output and mask by stem + .png; guides by the same
   * name.
   */
  public static List<Path> training(Path dataRoot, String dirPre, List<String> dirX)
      throws IOException {
    List<Path> opened = new ArrayList<>();
    for (String p : sortedNames(dataRoot.resolve(dirPre))) {
      String png = stem(p) + ".png";
      opened.add(open(dataRoot.resolve(dirPre).resolve(p)));
      opened.add(open(dataRoot.resolve("output").resolve(png)));
      opened.add(open(dataRoot.resolve("mask").resolve(png)));
      for (String x : dirX) {
        opened.add(open(dataRoot.resolve(x).resolve(p)));
      }
    }
    return opened;
  }

  /**
   * trainers.test_on_full_image: the data root with "_train" replaced by "_gen", same folder names.
   */
  public static Path genRoot(Path trainRoot) {
    return Path.of(trainRoot.toString().replace("_train", "_gen"));
  }

  /**
   * DatasetFullImages (generate.py and validation): sorted {@code dir_pre}; guides by the same
   * name.
   */
  public static List<Path> generation(Path genRoot, String dirPre, List<String> dirX)
      throws IOException {
    List<Path> opened = new ArrayList<>();
    for (String name : sortedNames(genRoot.resolve(dirPre))) {
      opened.add(open(genRoot.resolve(dirPre).resolve(name)));
      for (String x : dirX) {
        opened.add(open(genRoot.resolve(x).resolve(name)));
      }
    }
    return opened;
  }

  /**
   * The gauss tool's flow inputs: flow_fwd for frames first+1..last, flow_bwd for first..last-1, as
   * %0Nd.
   */
  public static List<Path> flows(Path genRoot, String format, int first, int last)
      throws IOException {
    List<Path> opened = new ArrayList<>();
    for (int frame = first + 1; frame <= last; frame++) {
      opened.add(
          open(genRoot.resolve("flow_fwd").resolve(String.format(format, frame) + ".A2V2f")));
    }
    for (int frame = first; frame < last; frame++) {
      opened.add(
          open(genRoot.resolve("flow_bwd").resolve(String.format(format, frame) + ".A2V2f")));
    }
    return opened;
  }

  /** os.listdir, sorted as Python sorts strings, without Thumbs.db. */
  static List<String> sortedNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> !n.equals("Thumbs.db"))
          .sorted()
          .toList();
    }
  }

  private static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static Path open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("reference loader cannot open " + file);
    }
    return file;
  }
}
