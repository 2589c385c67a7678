package org.stylepipe.stylize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link FrameBatch} of 8-bit BGR frames into the model's NCHW RGB input, and its output
 * back into frames of the same size. Input: each frame (then its guide image, for a guided model)
 * mapped to the model's pixel range and reflection-padded at the bottom and right to the spec's
 * multiple. Output: cropped back to the frame size, mapped to 0..255, clamped and rounded.
 *
 * <p>In channels-last mode (the PyTorch engine on the CPU) the input is an NCHW view of NHWC
 * memory, which PyTorch's operators keep: oneDNN then convolves it in place, where an NCHW array is
 * reordered to a blocked layout and back around every convolution. The output is read as NHWC
 * either way, in that mode without a copy.
 */
final class StyleTranslator implements NoBatchifyTranslator<FrameBatch, FrameBatch> {
  private static final String INPUT = "input";

  private final ModelSpec spec;
  private final DataType dataType;
  private final boolean channelsLast;
  private final float[] toModel;

  /**
   * @param channelsLast give the model an NCHW view of NHWC memory, and read its output as NHWC;
   *     only for engines whose arrays can be transposed (PyTorch)
   */
  StyleTranslator(ModelSpec spec, DataType dataType, boolean channelsLast) {
    this.spec = spec;
    this.dataType = dataType;
    this.channelsLast = channelsLast;
    this.toModel = spec.range().lookupTable();
  }

  @Override
  public NDList processInput(TranslatorContext ctx, FrameBatch batch) {
    if (spec.guided() == batch.guides().isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot stylize frames: the model takes "
              + spec.inputChannels()
              + " channels, so it needs "
              + (spec.guided() ? "one guide image per frame" : "no guide images"));
    }
    ctx.setAttachment(INPUT, batch);
    int height = spec.paddedSize(batch.height());
    int width = spec.paddedSize(batch.width());
    int channels = spec.inputChannels();
    int sample = channels * height * width;
    // Where channel c of pixel p lies: NHWC interleaves the channels, NCHW stacks their planes.
    int pixelStep = channelsLast ? channels : 1;
    int channelStep = channelsLast ? 1 : height * width;
    float[] data = new float[spec.checkedInputValues(batch.size(), batch.width(), batch.height())];
    for (int i = 0; i < batch.size(); i++) {
      int offset = i * sample;
      writeRgb(batch.frames().get(i), batch, data, offset, height, width, pixelStep, channelStep);
      if (spec.guided()) {
        writeRgb(
            batch.guides().get(i),
            batch,
            data,
            offset + 3 * channelStep,
            height,
            width,
            pixelStep,
            channelStep);
      }
    }
    NDArray input =
        channelsLast
            ? ctx.getNDManager()
                .create(FloatBuffer.wrap(data), new Shape(batch.size(), height, width, channels))
                .transpose(0, 3, 1, 2)
            : ctx.getNDManager()
                .create(FloatBuffer.wrap(data), new Shape(batch.size(), channels, height, width));
    return new NDList(dataType == DataType.FLOAT32 ? input : input.toType(dataType, false));
  }

  @Override
  public FrameBatch processOutput(TranslatorContext ctx, NDList list) {
    FrameBatch batch = (FrameBatch) ctx.getAttachment(INPUT);
    NDArray output = list.get(0);
    Shape shape = output.getShape();
    if (shape.dimension() != 4
        || shape.get(0) != batch.size()
        || shape.get(1) != 3
        || shape.get(2) < batch.height()
        || shape.get(3) < batch.width()) {
      throw new IllegalStateException(
          "Cannot stylize frames: the model gave shape "
              + shape
              + " for "
              + batch.size()
              + " frames of "
              + batch.width()
              + "x"
              + batch.height()
              + "; expected [N, 3, >=H, >=W]");
    }
    NDArray pixels = channelsLast ? output.transpose(0, 2, 3, 1) : output;
    float[] data =
        (pixels.getDataType() == DataType.FLOAT32 ? pixels : pixels.toType(DataType.FLOAT32, false))
            .toFloatArray();
    int outHeight = (int) shape.get(2);
    int outWidth = (int) shape.get(3);
    int plane = outHeight * outWidth;
    int pixelStep = channelsLast ? 3 : 1;
    int channelStep = channelsLast ? 1 : plane;
    List<byte[]> frames = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      byte[] frame = new byte[batch.height() * batch.width() * 3];
      int offset = i * 3 * plane;
      for (int y = 0; y < batch.height(); y++) {
        for (int x = 0; x < batch.width(); x++) {
          int pixel = (y * batch.width() + x) * 3;
          int source = offset + (y * outWidth + x) * pixelStep;
          for (int c = 0; c < 3; c++) {
            frame[pixel + 2 - c] = spec.range().toPixel(data[source + c * channelStep]);
          }
        }
      }
      frames.add(frame);
    }
    return FrameBatch.of(batch.width(), batch.height(), frames);
  }

  /**
   * Writes the RGB channels of a BGR image, reflection-padded to height x width, at {@code offset}:
   * channel c of pixel p at {@code offset + p * pixelStep + c * channelStep}.
   */
  private void writeRgb(
      byte[] image,
      FrameBatch batch,
      float[] data,
      int offset,
      int height,
      int width,
      int pixelStep,
      int channelStep) {
    for (int y = 0; y < height; y++) {
      int row = reflect(y, batch.height()) * batch.width();
      for (int x = 0; x < width; x++) {
        int pixel = (row + reflect(x, batch.width())) * 3;
        int target = offset + (y * width + x) * pixelStep;
        for (int c = 0; c < 3; c++) {
          data[target + c * channelStep] = toModel[image[pixel + 2 - c] & 0xff];
        }
      }
    }
  }

  /**
   * The index that reflection padding reads for position {@code i} of an axis of length {@code n}.
   */
  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * n - 2;
    int j = i % period;
    return j < n ? j : period - j;
  }
}
