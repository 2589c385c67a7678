package org.stylepipe.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;
import org.stylepipe.common.JavaCppLoading;
import org.stylepipe.common.JobRefusedException;
import org.stylepipe.config.DatasetConfig;
import org.stylepipe.config.FlickerConfig;
import org.stylepipe.config.KeyframeStylizeConfig;
import org.stylepipe.config.OptionMap;
import org.stylepipe.config.StylizeConfig;
import org.stylepipe.config.TrainConfig;
import org.stylepipe.dataset.DatasetJob;
import org.stylepipe.dataset.DatasetSummary;
import org.stylepipe.flicker.FlickerJob;
import org.stylepipe.flicker.FlickerSummary;
import org.stylepipe.output.CsvTable;
import org.stylepipe.output.OutputClaim;
import org.stylepipe.stylizejob.KeyframeStylizeJob;
import org.stylepipe.stylizejob.KeyframeSummary;
import org.stylepipe.stylizejob.StylizeJob;
import org.stylepipe.stylizejob.StylizeSummary;
import org.stylepipe.trainjob.TrainJob;
import org.stylepipe.trainjob.TrainSummary;

/**
 * Command-line entry: {@code stylepipe <job> [--options-file FILE] [--master URL] [--name
 * value]...}.
 *
 * <p>Under {@code spark-submit} the master comes from Spark's own configuration; run directly, the
 * job starts an embedded local Spark ({@code local[*]} unless {@code --master} says otherwise).
 * Options are validated before Spark starts.
 *
 * <p>The output is claimed ({@link OutputClaim}) before Spark starts.
 *
 * <p>Exit status: 0 all inputs processed; 3 the job completed but some inputs failed (see the
 * errors output); 2 bad command line or a refused job, with nothing written ({@link
 * JobRefusedException}: an output refused (another job's, made with other options, or written by
 * another run at the moment), a local output on a cluster, a {@code --model} that cannot be read,
 * does not match its checksum or does not load); 1 the job itself failed (any other exception, with
 * its stack trace).
 */
public final class StylePipe {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int COMPLETED_WITH_ERRORS = 3;

  private static final String OPTIONS_FILE = "options-file";
  private static final String MASTER = "master";

  private static final String USAGE_TEXT =
      String.join(
          System.lineSeparator(),
          "usage: stylepipe dataset --input PATH [--input PATH...] --output DIR [options]",
          "       stylepipe stylize --input PATH [--input PATH...] [--model FILE] --output DIR [options]",
          "       stylepipe stylize --dataset DIR --model FILE --guide noise[:VARIANT] --output DIR [options]",
          "       stylepipe stylize-keyframes --dataset DIR --model FILE [options]",
          "       stylepipe train --dataset DIR --teacher FILE --output DIR [options]",
          "       stylepipe flicker --input PATH [--input PATH...] --stylized VIDEO_OR_DIR --output DIR [options]",
          "       stylepipe table PATH     print a table a job wrote (manifest, errors, flicker) as CSV",
          "  --options-file FILE     defaults for the options below (name=value lines)",
          "  --master URL            Spark master when not under spark-submit (default local[*])",
          "  --segment-seconds S     time segment per task (default 10)",
          "  --video-stream N        the video stream to read (default: the one ffmpeg picks)",
          "  --shared-mount BOOL     a local --output is mounted at the same path on every node of a cluster",
          "                          (default false: a local output is refused with a cluster master)",
          "dataset options:",
          "  --sample RULE           all | every:N | fps:F (default all)",
          "  --size WxH              output size (default 640x480)",
          "  --resize MODE           stretch | fit | crop (default stretch)",
          "  --mirror BOOL           also write mirrored copies (default true)",
          "  --format FMT            png | jpeg (default png)",
          "  --jpeg-quality Q        1-100 (default 95)",
          "  --decoder-threads N     FFmpeg threads per task, 0 = auto (default 1)",
          "  --overwrite BOOL        replace an output of another job or made with other options (default",
          "                          false: resume an output made with the same options, refuse any other)",
          "  --layout L              frames | fewshot: the few-shot trainer's folders with masks, flow,",
          "                          noise guides and keyframes (default frames)",
          "few-shot options (dataset --layout fewshot):",
          "  --mask M                full | luma[:T] | chroma:RRGGBB[:TOL] | mog2[:H] | knn[:H] | track",
          "                          (default full; track: NAME.mask.EXT or NAME.mask/ beside NAME.EXT)",
          "  --mask-erode R, --mask-dilate R   radii in pixels (default 0)",
          "  --flow-preset P         DIS preset ultrafast | fast | medium (default medium)",
          "  --flow-files BOOL       keep flow_fwd/ and flow_bwd/ (8 bytes a pixel each; default true)",
          "  --noise V,V             noise guide variants (default r10_s10,r10_s15)",
          "  --noise-seed N          seed of the noise points (default 1)",
          "  --keyframes K           every:N | scene:T | list:N,N,... (default every:100)",
          "  --key-reach N           keys each way a key's points are tracked to, or all (default 1)",
          "  --keyframes-from DIR    painted keyframes DIR/<sequence>/<number>.png for _train/output",
          "stylize options:",
          "  --model FILE_OR_URI     .npz, .pt or .onnx style model: a local path or a URI (s3a://, hdfs://,",
          "                          file://), read once and checked on the driver, shipped to the executors;",
          "                          default: stylepipe's own mosaic student, bundled (a small TransformerNet",
          "                          distilled from fast_neural_style's mosaic)",
          "  --model-sha256 HEX      refuse a model whose bytes have another SHA-256 (default: any, recorded)",
          "  --overwrite BOOL        replace an output made with other options or another model (default",
          "                          false: resume an output made with the same ones, refuse any other)",
          "  --batch-size N          frames per inference (default 4)",
          "  --device D              auto | cpu | gpu (default auto: the GPU Spark assigns, else CPU)",
          "  --engine E              auto | pytorch | onnxruntime (default auto): .onnx runs on ONNX Runtime only,",
          "                          .pt on PyTorch only, .npz on either (on ONNX Runtime as its ONNX export);",
          "                          auto runs .npz on PyTorch, the faster engine for it on CPUs too",
          "                          (docs/benchmarks.md)",
          "  --cpu-fallback BOOL     run on the CPU where a GPU is asked for but CUDA is absent (default false)",
          "  --half BOOL             float16 on GPUs, .npz models only (default false)",
          "  --size WxH              stylize at this size, even numbers (default: the source's)",
          "  --video BOOL            write the stylized video (default true)",
          "  --write-frames BOOL     also write stylized PNG frames (default false)",
          "  --video-quality Q       H.264 quantizer of every frame, 1 (best, largest) to 51 (default 22)",
          "  --video-kbps K          most H.264 bit rate, kbit/s or auto: 0.5 bits per pixel per frame, at",
          "                          least 2000 (default auto)",
          "  --guide G               none | black | noise[:VARIANT]: guide image of a 6-channel model (default",
          "                          none); noise: each frame's own noise guide, made first from recordings",
          "                          (with the dataset job's --keyframes, --key-reach, --noise, --noise-seed,",
          "                          --mask*, --flow-preset) or read from a few-shot --dataset",
          "  --sequences S           with --dataset: all | original | mirrored (default all)",
          "  --model-threads N       threads per inference, 0 = all (default 1)",
          "  --decoder-threads N     FFmpeg threads per task, 0 = auto (default 1)",
          "  --encoder E             openh264 | nvenc | auto: H.264 on the CPU, on the GPU's NVENC (the task",
          "                          fails where the node has none), or NVENC where present (default openh264)",
          "  --flicker BOOL          measure flicker (E_warp) of input and output after the join (default true,",
          "                          with the video)",
          "  --overwrite BOOL        replace an output of another job or made with other options (default false)",
          "stylize-keyframes options (the stylize job's teacher mode, into a few-shot dataset's _train/output):",
          "  --dataset DIR           a dataset made with --layout fewshot",
          "  --guide G               none | black | noise[:VARIANT]: the keyframe's noise guide (default none)",
          "  --overwrite BOOL        stylize keyframes that already have an output (default false: keep them)",
          "  --model, --model-sha256, --batch-size, --device, --cpu-fallback, --half, --model-threads: as for stylize",
          "train options (a student TransformerNet learns a teacher on a dataset; docs/train.md):",
          "  --dataset DIR           a dataset job's output; --layout fewshot gives the flow of the temporal loss",
          "  --teacher FILE          the teacher: a 3-channel model the stylize job runs",
          "  --widths A,B,C          the student's encoder widths (default 16,32,64)",
          "  --residual-blocks N     the student's residual blocks (default 3)",
          "  --steps N, --batch-size N, --crop PX, --learning-rate LR, --seed N (defaults 2000, 4, 256, 0.002, 1)",
          "  --temporal-weight W     weight of the temporal loss, 0 without it (default 2)",
          "  --luminance BOOL        let the output follow the input's luminance change (default true)",
          "  --hold-out F            fraction of each sequence, at its end, validated on (default 0.2)",
          "  --device D, --threads N the trainer's device (auto | cpu | gpu) and CPU threads (0 = all)",
          "  --overwrite BOOL        start over in an output made with other options (default false: a rerun",
          "                          with the same options resumes from the last checkpoint)",
          "flicker options:",
          "  --stylized PATH         the stylized video of the one recording, or a stylize job's output",
          "                          folder (its stylized/<recording>.mp4)",
          "  --overwrite BOOL        replace an output of another job (a stylize output is joined, not",
          "                          replaced) or made with other options (default false)");

  private StylePipe() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args)));
  }

  /** Runs a job from command-line arguments and returns the exit status. */
  public static int run(List<String> args) {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      System.out.println(USAGE_TEXT);
      return args.isEmpty() ? USAGE : OK;
    }
    String job = args.get(0);
    if (job.equals("table")) {
      return table(args.subList(1, args.size()));
    }
    JavaCppLoading.configure(); // before any job loads FFmpeg or OpenCV
    Callable<Integer> runner;
    try {
      OptionMap cli = OptionMap.fromArgs(args.subList(1, args.size()));
      String optionsFile = cli.get(OPTIONS_FILE, null);
      OptionMap options =
          optionsFile == null ? cli : OptionMap.fromFile(Path.of(optionsFile)).overriddenBy(cli);
      SparkConf conf = sparkConf("stylepipe " + job, options.get(MASTER, "local[*]"));
      OptionMap jobOptions = options.without(OPTIONS_FILE, MASTER);
      runner =
          switch (job) {
            case "dataset" -> dataset(DatasetConfig.from(jobOptions), conf);
            case "stylize" -> {
              StylizeConfig config = StylizeConfig.from(jobOptions);
              yield stylize(StylizeJob.prepare(config, hadoop(conf)), conf);
            }
            case "stylize-keyframes" -> {
              KeyframeStylizeConfig config = KeyframeStylizeConfig.from(jobOptions);
              yield stylizeKeyframes(KeyframeStylizeJob.prepare(config, hadoop(conf)), conf);
            }
            case "flicker" -> flicker(FlickerConfig.from(jobOptions), conf);
            case "train" -> train(TrainConfig.from(jobOptions), conf);
            default ->
                throw new IllegalArgumentException(
                    "Cannot run job '"
                        + job
                        + "': known jobs are [dataset, stylize, stylize-keyframes, train, flicker]");
          };
    } catch (JobRefusedException e) {
      System.err.println("stylepipe: " + e.getMessage());
      return USAGE;
    } catch (IllegalArgumentException e) {
      System.err.println("stylepipe: " + e.getMessage());
      System.err.println(USAGE_TEXT);
      return USAGE;
    }
    try {
      return runner.call();
    } catch (JobRefusedException e) {
      System.err.println("stylepipe: " + e.getMessage());
      return USAGE;
    } catch (Exception e) {
      System.err.println("stylepipe: the " + job + " job failed: " + e);
      e.printStackTrace();
      return FAILED;
    }
  }

  private static Callable<Integer> dataset(DatasetConfig config, SparkConf conf) {
    return () -> {
      try (OutputClaim claim = DatasetJob.claim(config, hadoop(conf), conf.get("spark.master"));
          SparkSession spark = session(conf)) {
        DatasetSummary summary = DatasetJob.run(config, spark, claim);
        System.out.println(summary.toText());
        return summary.errors().isEmpty() ? OK : COMPLETED_WITH_ERRORS;
      }
    };
  }

  private static Callable<Integer> stylize(StylizeJob prepared, SparkConf conf) {
    return () -> {
      try (OutputClaim claim = prepared.claim(hadoop(conf), conf.get("spark.master"));
          SparkSession spark = session(conf)) {
        StylizeSummary summary = prepared.run(spark, claim);
        System.out.println(summary.toText());
        return summary.errors().isEmpty() ? OK : COMPLETED_WITH_ERRORS;
      }
    };
  }

  private static Callable<Integer> stylizeKeyframes(KeyframeStylizeJob prepared, SparkConf conf) {
    return () -> {
      try (OutputClaim claim = prepared.claim(hadoop(conf), conf.get("spark.master"));
          SparkSession spark = session(conf)) {
        KeyframeSummary summary = prepared.run(spark, claim);
        System.out.println(summary.toText());
        return summary.errors().isEmpty() ? OK : COMPLETED_WITH_ERRORS;
      }
    };
  }

  private static Callable<Integer> flicker(FlickerConfig config, SparkConf conf) {
    return () -> {
      try (OutputClaim claim = FlickerJob.claim(config, hadoop(conf), conf.get("spark.master"));
          SparkSession spark = session(conf)) {
        FlickerSummary summary = FlickerJob.run(config, spark, claim);
        System.out.println(summary.toText());
        return summary.errors().isEmpty() ? OK : COMPLETED_WITH_ERRORS;
      }
    };
  }

  private static Callable<Integer> train(TrainConfig config, SparkConf conf) {
    Configuration hadoop = hadoop(conf);
    TrainJob prepared;
    try {
      prepared = TrainJob.prepare(config, hadoop);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return () -> {
      // The dataset's manifest is read with Spark before the output is claimed.
      try (SparkSession spark = session(conf);
          OutputClaim claim = prepared.claim(spark)) {
        TrainSummary summary = prepared.run(spark, claim);
        System.out.println(summary.toText());
        return OK;
      }
    };
  }

  /** Prints the table at the one path given as CSV on standard output ({@link CsvTable}). */
  private static int table(List<String> paths) {
    if (paths.size() != 1) {
      System.err.println(
          "stylepipe: Cannot print a table: give one path (a folder such as OUT/manifest, or a file)");
      return USAGE;
    }
    try {
      StringBuilder csv = new StringBuilder();
      new CsvTable(new Configuration()).write(paths.get(0), csv);
      System.out.print(csv);
      return OK;
    } catch (java.io.FileNotFoundException e) {
      System.err.println("stylepipe: Cannot print " + paths.get(0) + ": it does not exist");
      return USAGE;
    } catch (java.io.IOException | RuntimeException e) {
      System.err.println("stylepipe: " + e.getMessage());
      return FAILED;
    }
  }

  /**
   * Spark's configuration: spark-submit's if present (its master included), else an embedded
   * session's on {@code master}.
   */
  static SparkConf sparkConf(String appName, String master) {
    SparkConf conf = new SparkConf().setIfMissing("spark.app.name", appName);
    if (!conf.contains("spark.master")) {
      conf.setMaster(master);
    }
    return conf;
  }

  /**
   * The Hadoop configuration the job will have ({@code spark.hadoop.*}, the AWS environment), made
   * as Spark makes it but before Spark starts, so that the model is read and the output claimed
   * first.
   */
  private static Configuration hadoop(SparkConf conf) {
    return SparkHadoopUtil.get().newConfiguration(conf);
  }

  static SparkSession session(SparkConf conf) {
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
