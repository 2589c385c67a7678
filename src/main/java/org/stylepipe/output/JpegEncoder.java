package org.stylepipe.output;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_plane;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.stylepipe.video.FfmpegCalls.message;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.stylepipe.common.Yuv420;

/**
 * Encodes 8-bit BGR frames, or {@link Yuv420} frames as they are, as baseline JPEG (4:2:0, full
 * range) with FFmpeg's MJPEG encoder, whose DCT and quantization use SIMD (the OpenCV build's
 * libjpeg-turbo has none and takes about three times as long). The tables are libjpeg's defaults:
 * the quantization tables of the JPEG specification scaled for the quality as the IJG library
 * scales them, and the specification's Huffman tables. Tables optimized per image (FFmpeg's
 * default) take a second pass over each image, about 15% of the encoder's time at quality 95, for
 * files about 2.5% smaller. Deterministic: the same pixels give the same bytes. Not thread-safe.
 */
final class JpegEncoder implements AutoCloseable {
  /** Luminance quantization table of the JPEG specification (Annex K), in raster order. */
  private static final int[] LUMA = {
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
    92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99
  };

  /** Chrominance quantization table of the JPEG specification (Annex K), in raster order. */
  private static final int[] CHROMA = {
    17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99,
    47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99
  };

  /** FFmpeg's MJPEG encoder multiplies its tables by qscale / 8; at 8 they are written as given. */
  private static final int QSCALE = 8;

  private final int quality;
  private final AVPacket packet = av_packet_alloc();
  private final AVFrame yuv = av_frame_alloc();
  private final PointerPointer<BytePointer> source = new PointerPointer<>(1);
  private final IntPointer sourceStride = new IntPointer(1);
  private AVCodecContext context;
  private SwsContext toYuv;
  private long frames;

  JpegEncoder(int quality) {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException(
          "Cannot encode JPEG at quality " + quality + ": must be 1 to 100 (--jpeg-quality)");
    }
    this.quality = quality;
  }

  /** The JPEG of {@code image} (BGR or I420), in native memory valid until the next call. */
  ByteBuffer encode(Mat image) {
    int width = image.cols();
    int height = Yuv420.height(image);
    if (context == null || context.width() != width || context.height() != height) {
      open(width, height);
    }
    if (Yuv420.is(image)) {
      for (int p = 0; p < 3; p++) {
        int shift = p == 0 ? 0 : 1;
        int stride = Yuv420.stride(p, width);
        av_image_copy_plane(
            yuv.data(p),
            yuv.linesize(p),
            image.data().getPointer(Yuv420.offset(p, width, height)),
            stride,
            stride,
            height >> shift);
      }
    } else {
      fromBgr(image, width, height);
    }
    yuv.pts(frames++);
    yuv.quality(QSCALE * FF_QP2LAMBDA);
    av_packet_unref(packet);
    check(avcodec_send_frame(context, yuv), "encode a JPEG");
    check(avcodec_receive_packet(context, packet), "encode a JPEG");
    return packet.data().capacity(packet.size()).asByteBuffer();
  }

  private void open(int width, int height) {
    closeCodec();
    av_frame_unref(yuv);
    AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
    context = avcodec_alloc_context3(codec);
    context
        .width(width)
        .height(height)
        .pix_fmt(AV_PIX_FMT_YUVJ420P)
        .color_range(AVCOL_RANGE_JPEG)
        .time_base(av_make_q(1, 25))
        .flags(context.flags() | AV_CODEC_FLAG_QSCALE)
        .global_quality(QSCALE * FF_QP2LAMBDA)
        .thread_count(1)
        // The encoder owns and frees the tables.
        .intra_matrix(table(LUMA))
        .chroma_intra_matrix(table(CHROMA));
    check(
        av_opt_set(context.priv_data(), "huffman", "default", 0),
        "use the standard Huffman tables");
    check(avcodec_open2(context, codec, (AVDictionary) null), "open FFmpeg's JPEG encoder");
    yuv.format(AV_PIX_FMT_YUVJ420P).width(width).height(height);
    check(av_frame_get_buffer(yuv, 0), "allocate a JPEG frame");
  }

  /** Converts a BGR {@code image} into the encoder's frame. */
  private void fromBgr(Mat image, int width, int height) {
    toYuv =
        sws_getCachedContext(
            toYuv,
            width,
            height,
            AV_PIX_FMT_BGR24,
            width,
            height,
            AV_PIX_FMT_YUVJ420P,
            SWS_BILINEAR,
            null,
            null,
            (DoublePointer) null);
    source.put(0, image.data());
    sourceStride.put(0, (int) image.step());
    sws_scale(toYuv, source, sourceStride, 0, height, yuv.data(), yuv.linesize());
  }

  /** An encoder failure is a bug (the input is always a valid frame), not bad input. */
  private static void check(int ret, String what) {
    if (ret < 0) {
      throw new IllegalStateException("Cannot " + what + ": " + message(ret));
    }
  }

  /** libjpeg's table for the quality: the base table scaled, each entry kept in 1..255. */
  private ShortPointer table(int[] base) {
    int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
    ShortPointer table = new ShortPointer(av_malloc(64 * Short.BYTES)).capacity(64);
    for (int i = 0; i < 64; i++) {
      table.put(i, (short) Math.max(1, Math.min(255, (base[i] * scale + 50) / 100)));
    }
    return table;
  }

  private void closeCodec() {
    if (context != null) {
      avcodec_free_context(context);
      context = null;
    }
  }

  @Override
  public void close() {
    closeCodec();
    sws_freeContext(toYuv);
    av_frame_free(yuv);
    av_packet_free(packet);
    source.close();
    sourceStride.close();
  }
}
