package org.stylepipe.stylize;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a style model expects, beyond its weights. Read by {@link #forModel} from a properties file
 * beside the model named {@code <model file name>.model.properties} (for example {@code
 * fewshot_lighthouse.pt.model.properties}); every key is optional, and unknown keys are rejected:
 *
 * <pre>
 * # npz (TransformerNet weights), torchscript or onnx; default: from the extension .npz, .pt or .onnx
 * format=torchscript
 * # pixel range of the model's RGB input and output: 0..255, 0..1 or -1..1; default 0..255
 * range=-1..1
 * # 3: an RGB frame; 6: an RGB frame, then an RGB guide image (e.g. a noise guide); default 3
 * input.channels=6
 * # frames are reflection-padded at the bottom and right to a multiple of this, and the output is cropped back;
 * # default 4
 * pad.multiple=4
 * </pre>
 *
 * @param format how the model is stored
 * @param range pixel range of the model's input and output
 * @param inputChannels 3, or 6 when the model also takes a guide image
 * @param padMultiple the model's input height and width must be multiples of this
 */
public record ModelSpec(ModelFormat format, PixelRange range, int inputChannels, int padMultiple)
    implements Serializable {
  /** Suffix added to a model file's name to name its properties file. */
  public static final String PROPERTIES_SUFFIX = ".model.properties";

  public static final String FORMAT = "format";
  public static final String RANGE = "range";
  public static final String RANGE_DEFAULT = "0..255";
  public static final String INPUT_CHANNELS = "input.channels";
  public static final int INPUT_CHANNELS_DEFAULT = 3;
  public static final String PAD_MULTIPLE = "pad.multiple";
  public static final int PAD_MULTIPLE_DEFAULT = 4;

  private static final Set<String> KEYS = Set.of(FORMAT, RANGE, INPUT_CHANNELS, PAD_MULTIPLE);

  public ModelSpec {
    if (format == null || range == null) {
      throw new IllegalArgumentException("Cannot create model spec: format and range are required");
    }
    String problem = problem(inputChannels, padMultiple);
    if (problem != null) {
      throw new IllegalArgumentException("Cannot create model spec: " + problem);
    }
  }

  /**
   * The defaults for a model of {@code format}: range 0..255, 3 input channels, padded to a
   * multiple of 4.
   */
  public static ModelSpec defaults(ModelFormat format) {
    return new ModelSpec(format, PixelRange.BYTE, INPUT_CHANNELS_DEFAULT, PAD_MULTIPLE_DEFAULT);
  }

  /**
   * The spec of {@code model}: its properties file if there is one, over the defaults for its
   * extension.
   *
   * @throws IllegalArgumentException if the properties file is invalid, or the format is neither
   *     given nor known from the extension
   */
  public static ModelSpec forModel(Path model) {
    Path file = propertiesFile(model);
    Properties properties = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Cannot read model properties " + file + ": " + e.getMessage(), e);
      }
    }
    return parse(model.toString(), properties, file.toString());
  }

  /**
   * The properties file that describes {@code model}: {@code <model file name>.model.properties}
   * beside it.
   */
  public static Path propertiesFile(Path model) {
    return model.resolveSibling(model.getFileName() + PROPERTIES_SUFFIX);
  }

  /**
   * The spec of the model named {@code model} (a path or URI; its file name's extension gives the
   * format unless {@code properties} name one), from {@code properties} read from {@code source}
   * (empty if the model has no properties file).
   *
   * @throws IllegalArgumentException naming {@code source} or {@code model} and the reason
   */
  public static ModelSpec parse(String model, Properties properties, String source) {
    Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw invalid(source, "unknown keys " + unknown + "; known keys are " + new TreeSet<>(KEYS));
    }
    String formatKey = value(properties, FORMAT, null);
    ModelFormat format =
        formatKey == null
            ? ModelFormat.ofName(model)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "Cannot load model "
                                + model
                                + ": unknown extension; use .npz, .pt or .onnx, or set "
                                + FORMAT
                                + " in "
                                + source))
            : ModelFormat.ofKey(formatKey)
                .orElseThrow(
                    () ->
                        invalid(
                            source,
                            FORMAT
                                + " must be one of "
                                + Arrays.stream(ModelFormat.values()).map(ModelFormat::key).toList()
                                + ", not '"
                                + formatKey
                                + "'"));
    String rangeKey = value(properties, RANGE, RANGE_DEFAULT);
    PixelRange range =
        PixelRange.ofKey(rangeKey)
            .orElseThrow(
                () ->
                    invalid(
                        source,
                        RANGE
                            + " must be one of "
                            + Arrays.stream(PixelRange.values()).map(PixelRange::key).toList()
                            + ", not '"
                            + rangeKey
                            + "'"));
    int inputChannels = intProperty(properties, INPUT_CHANNELS, INPUT_CHANNELS_DEFAULT, source);
    int padMultiple = intProperty(properties, PAD_MULTIPLE, PAD_MULTIPLE_DEFAULT, source);
    String problem = problem(inputChannels, padMultiple);
    if (problem != null) {
      throw invalid(source, problem);
    }
    return new ModelSpec(format, range, inputChannels, padMultiple);
  }

  /** Whether the model takes a guide image after the frame. */
  public boolean guided() {
    return inputChannels == 6;
  }

  /**
   * The most values one model input may hold: the largest Java array. Batch size, channels and
   * padded frame size multiply past it quickly (256 six-channel 1080p frames hold 3.2 billion).
   */
  public static final long MAX_INPUT_VALUES = Integer.MAX_VALUE - 8;

  /** The values of the model's input for {@code batchSize} frames of {@code width x height}. */
  public long inputValues(int batchSize, int width, int height) {
    return (long) batchSize * inputChannels * paddedSize(height) * paddedSize(width);
  }

  /**
   * {@link #inputValues}, checked against {@link #MAX_INPUT_VALUES}.
   *
   * @throws IllegalArgumentException naming the batch and the limit, if it holds more
   */
  public int checkedInputValues(int batchSize, int width, int height) {
    long values = inputValues(batchSize, width, height);
    if (values > MAX_INPUT_VALUES) {
      throw new IllegalArgumentException(
          "Cannot stylize "
              + batchSize
              + " frames of "
              + width
              + "x"
              + height
              + " in one batch: the model input would hold "
              + values
              + " values, more than the limit of "
              + MAX_INPUT_VALUES
              + "; use a smaller --batch-size or --size");
    }
    return (int) values;
  }

  /** {@code size} rounded up to a multiple of {@link #padMultiple}. */
  public int paddedSize(int size) {
    return (int) (((long) size + padMultiple - 1) / padMultiple * padMultiple);
  }

  private static int intProperty(
      Properties properties, String key, int defaultValue, String source) {
    String value = value(properties, key, null);
    try {
      return value == null ? defaultValue : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(source, key + " must be an integer, not '" + value + "'");
    }
  }

  private static String value(Properties properties, String key, String defaultValue) {
    String value = properties.getProperty(key);
    return value == null ? defaultValue : value.trim();
  }

  private static String problem(int inputChannels, int padMultiple) {
    if (inputChannels != 3 && inputChannels != 6) {
      return INPUT_CHANNELS + " must be 3 or 6, not " + inputChannels;
    }
    return padMultiple < 1 ? PAD_MULTIPLE + " must be at least 1, not " + padMultiple : null;
  }

  private static IllegalArgumentException invalid(String source, String reason) {
    return new IllegalArgumentException("Cannot read model properties " + source + ": " + reason);
  }
}
