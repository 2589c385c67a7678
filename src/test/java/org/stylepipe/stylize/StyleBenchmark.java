package org.stylepipe.stylize;

import ai.djl.inference.Predictor;
import java.util.Arrays;
import java.util.List;

/**
 * CPU forward-pass throughput of the mosaic model in its three formats, through {@link StyleModel}
 * (translation included) at batch 1, as the median and best of several runs (a shared machine makes
 * single runs noisy). Not a test; run it by hand:
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) -DENGINE_CACHE_DIR=target/cache/djl-engines \
 *     -Djava.io.tmpdir=target/tmp org.stylepipe.stylize.StyleBenchmark [width height runs]
 * </pre>
 */
public final class StyleBenchmark {
  private StyleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int width = args.length > 0 ? Integer.parseInt(args[0]) : 720;
    int height = args.length > 1 ? Integer.parseInt(args[1]) : 540;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    FrameBatch batch = FrameBatch.of(width, height, List.of(TestFrames.scene(width, height, 1)));
    for (String name : List.of("mosaic.npz", "mosaic.pt", "mosaic.onnx")) {
      try (StyleModel model = StyleModel.load(TestModels.file(name), ModelOptions.cpu());
          Predictor<FrameBatch, FrameBatch> predictor = model.newPredictor()) {
        for (int i = 0; i < 2; i++) {
          predictor.predict(batch);
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
          long start = System.nanoTime();
          predictor.predict(batch);
          seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[runs / 2];
        System.out.printf(
            "%-12s %dx%d batch 1: median %.3f s/frame (%.2f fps), best %.3f s (%.2f fps); %d runs after"
                + " 2 warm-up, %d processors%n",
            name,
            width,
            height,
            median,
            1 / median,
            seconds[0],
            1 / seconds[0],
            runs,
            Runtime.getRuntime().availableProcessors());
      }
    }
  }
}
