package org.stylepipe.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.stylepipe.augment.Fitting;
import org.stylepipe.common.Yuv420;
import org.stylepipe.config.ImageFormat;
import org.stylepipe.config.ResizeMode;

/**
 * Converts decoded pictures (any pixel format FFmpeg decodes to, typically planar YUV) to 8-bit
 * BGR, or to full-range YUV 4:2:0 ({@link Yuv420}, what a JPEG stores), in one swscale pass, at the
 * source size or straight at an output size under a {@link ResizeMode}: area averaging when
 * shrinking, bilinear when enlarging, as {@code augment.FrameResizer} does on BGR frames.
 * Converting and scaling at once skips a full-size BGR frame and a second pass over it; for JPEG,
 * YUV output also skips converting to BGR and back. The caller's matrix receives the pixels;
 * nothing is allocated per frame once the sizes are known. Not thread-safe.
 */
public final class FrameScaler implements AutoCloseable {
  private final int width;
  private final int height;
  private final ResizeMode mode;
  private final boolean yuv;
  private final PointerPointer<BytePointer> source = new PointerPointer<>(4);
  private final IntPointer sourceStrides = new IntPointer(4);
  private final PointerPointer<BytePointer> target = new PointerPointer<>(3);
  private final IntPointer targetStrides = new IntPointer(3);
  private final Scalar black = new Scalar(0, 0, 0, 0);
  private final Scalar neutralChroma = new Scalar(128, 128, 128, 0);
  private SwsContext context;

  private FrameScaler(int width, int height, ResizeMode mode, boolean yuv) {
    this.width = width;
    this.height = height;
    this.mode = mode;
    this.yuv = yuv;
  }

  /** A scaler that keeps each picture's own size (a plain conversion to BGR). */
  public static FrameScaler sourceSize() {
    return new FrameScaler(0, 0, ResizeMode.STRETCH, false);
  }

  /**
   * A scaler to BGR at {@code width}×{@code height}, fitting other aspect ratios by {@code mode}.
   */
  public static FrameScaler to(int width, int height, ResizeMode mode) {
    return sized(width, height, mode, false);
  }

  /**
   * The scaler for frames that will be encoded as {@code format}: to YUV 4:2:0 for JPEG at an even
   * size (the encoder's own input) where black bars, if any, lie on even rows and columns; to BGR
   * otherwise. Which one depends on the sizes alone, so all frames of a recording take the same.
   */
  public static FrameScaler forFormat(ImageFormat format, int width, int height, ResizeMode mode) {
    boolean yuv = format == ImageFormat.JPEG && width % 2 == 0 && height % 2 == 0;
    return sized(width, height, mode, yuv);
  }

  private static FrameScaler sized(int width, int height, ResizeMode mode, boolean yuv) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "Cannot scale frames to " + width + "x" + height + ": the size must be positive");
    }
    return new FrameScaler(width, height, mode, yuv);
  }

  /** A scaler like this one for pictures shown turned a quarter: output width and height traded. */
  public FrameScaler transposed() {
    return new FrameScaler(height, width, mode, yuv);
  }

  /**
   * Writes {@code picture} into {@code out}, as BGR or as {@link Yuv420}, (re)allocating it to the
   * output size.
   */
  public void convert(AVFrame picture, Mat out) {
    int sw = picture.width();
    int sh = picture.height();
    int ow = width > 0 ? width : sw;
    int oh = height > 0 ? height : sh;
    Fitting fit = Fitting.of(sw, sh, ow, oh, mode);
    // Black bars at odd places (a fitted box of odd size) would split chroma samples: BGR then.
    boolean toYuv = yuv && fit.onEvenGrid();
    AVPixFmtDescriptor format = av_pix_fmt_desc_get(picture.format());
    // A cropped window starts on the chroma grid of subsampled formats (at most a pixel off
    // centre).
    int x = fit.sourceX() & -(1 << format.log2_chroma_w());
    int y = fit.sourceY() & -(1 << format.log2_chroma_h());
    context =
        sws_getCachedContext(
            context,
            fit.sourceWidth(),
            fit.sourceHeight(),
            picture.format(),
            fit.scaledWidth(),
            fit.scaledHeight(),
            toYuv ? AV_PIX_FMT_YUVJ420P : AV_PIX_FMT_BGR24,
            fit.shrinks() ? SWS_AREA : SWS_BILINEAR,
            null,
            null,
            (DoublePointer) null);
    if (context == null) {
      throw new IllegalStateException(
          "Cannot convert "
              + sw
              + "x"
              + sh
              + " pictures of pixel format "
              + picture.format()
              + (toYuv ? " to YUV" : " to BGR"));
    }
    for (int plane = 0; plane < 4; plane++) {
      BytePointer data = picture.data(plane);
      int stride = picture.linesize(plane);
      sourceStrides.put(plane, stride);
      source.put(
          plane,
          data == null || data.isNull()
              ? data
              : data.getPointer(offset(format, plane, x, y, stride)));
    }
    if (toYuv) {
      targetYuv(fit, ow, oh, out);
    } else {
      targetBgr(fit, ow, oh, out);
    }
    sws_scale(context, source, sourceStrides, 0, fit.sourceHeight(), target, targetStrides);
  }

  private void targetBgr(Fitting fit, int ow, int oh, Mat out) {
    out.create(oh, ow, CV_8UC3);
    if (fit.padded(ow, oh)) {
      out.put(black);
    }
    target.put(0, out.data().getPointer(fit.targetY() * out.step() + fit.targetX() * 3L));
    targetStrides.put(0, (int) out.step());
  }

  private void targetYuv(Fitting fit, int ow, int oh, Mat out) {
    Yuv420.create(out, ow, oh);
    if (fit.padded(ow, oh)) {
      Mat[] planes = Yuv420.planes(out);
      for (int p = 0; p < 3; p++) {
        planes[p].put(p == 0 ? black : neutralChroma);
        planes[p].close();
      }
    }
    for (int p = 0; p < 3; p++) {
      int shift = p == 0 ? 0 : 1;
      int stride = Yuv420.stride(p, ow);
      long at =
          Yuv420.offset(p, ow, oh)
              + (long) (fit.targetY() >> shift) * stride
              + (fit.targetX() >> shift);
      target.put(p, out.data().getPointer(at));
      targetStrides.put(p, stride);
    }
  }

  /** Where the window starting at ({@code x}, {@code y}) starts in {@code plane}, in bytes. */
  private static long offset(AVPixFmtDescriptor format, int plane, int x, int y, int stride) {
    if (x == 0 && y == 0) {
      return 0;
    }
    for (int c = 0; c < format.nb_components(); c++) {
      if (format.comp(c).plane() == plane) {
        boolean chroma = (c == 1 || c == 2) && (format.flags() & AV_PIX_FMT_FLAG_RGB) == 0;
        int px = chroma ? x >> format.log2_chroma_w() : x;
        int py = chroma ? y >> format.log2_chroma_h() : y;
        return (long) py * stride + (long) px * format.comp(c).step();
      }
    }
    return 0;
  }

  @Override
  public void close() {
    sws_freeContext(context);
    context = null;
    source.close();
    sourceStrides.close();
    target.close();
    targetStrides.close();
    black.close();
    neutralChroma.close();
  }
}
