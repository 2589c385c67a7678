package org.stylepipe.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set_int;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.presets.avutil.AVERROR_EAGAIN;
import static org.stylepipe.video.FfmpegCalls.check;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Encodes 8-bit BGR frames into an H.264 MP4 file at given presentation times, with an {@link
 * H264Encoder} of JavaCV's FFmpeg build (OpenH264 on the CPU, or NVENC on an NVIDIA GPU): no
 * B-frames, so one packet per frame in presentation order, each frame at the {@link H264Rate}'s
 * quantizer up to its bit rate. Times are written in the given time base (the source stream's), so
 * a decoder reports the same microsecond times as for the source. The frame rate drives the rate
 * control and gives each frame its nominal duration (what a player shows the last frame for).
 *
 * <p>Keyframes lie on a {@link KeyframeGrid}: a group of pictures starts at the first frame and at
 * the first frame of each interval of the grid, each group coded by a fresh encoder (no rate
 * control state carried over). A group's bytes therefore depend on its frames only, and a video cut
 * into parts on the grid, each part encoded by itself and the parts joined, is byte for byte the
 * video encoded in one piece.
 *
 * <p>Call {@link #finish()} after the last frame; a file closed without it is incomplete. Not
 * thread-safe.
 */
public final class VideoEncoder implements AutoCloseable {
  /** The smallest width and height the H.264 encoders take (OpenH264's limit). */
  public static final int MIN_SIDE = 16;

  /** Size and rate of the picture {@link #opens} tries. */
  private static final int PROBE_WIDTH = 256;

  private static final int PROBE_HEIGHT = 144;
  private static final H264Rate PROBE_RATE = new H264Rate(22, 1_000_000);

  private final H264Encoder encoder;
  private final Path file;
  private final int width;
  private final int height;
  private final TimeBase timeBase;
  private final double frameRate;
  private final H264Rate rate;
  private final KeyframeGrid keyframes;
  private final AVFormatContext muxer = new AVFormatContext(null);
  private AVCodec h264;
  private AVCodecContext codec;
  private AVStream stream;
  private AVFrame picture;
  private AVPacket packet;
  private SwsContext converter;
  private BytePointer source;
  private PointerPointer<BytePointer> sourcePlanes;
  private IntPointer sourceStride;
  private long frameTicks;
  private long lastTicks = Long.MIN_VALUE;
  private long lastPtsUs;
  private int frames;

  /**
   * Opens {@code file} for writing (any name: the container is MP4 whatever the extension).
   *
   * @param rate the quantizer of every frame and the most bits per second
   */
  public VideoEncoder(
      H264Encoder encoder,
      Path file,
      int width,
      int height,
      TimeBase timeBase,
      double frameRate,
      H264Rate rate,
      KeyframeGrid keyframes)
      throws IOException {
    if (width < MIN_SIDE || height < MIN_SIDE) {
      throw new IOException(
          "Cannot encode "
              + width
              + "x"
              + height
              + " frames into "
              + file
              + ": H.264 encoders take frames of at least "
              + MIN_SIDE
              + "x"
              + MIN_SIDE
              + " pixels; stylize at a larger --size");
    }
    this.encoder = encoder;
    this.file = file;
    this.width = width;
    this.height = height;
    this.timeBase = timeBase;
    this.frameRate = frameRate;
    this.rate = rate;
    this.keyframes = keyframes;
    try {
      open();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void open() throws IOException {
    frameTicks = Math.max(1, Math.round(timeBase.den() / (timeBase.num() * frameRate)));
    h264 = avcodec_find_encoder_by_name(encoder.ffmpegName());
    if (h264 == null) {
      throw new IOException(
          "Cannot encode " + file + ": FFmpeg has no " + encoder.ffmpegName() + " encoder");
    }
    check(
        avformat_alloc_output_context2(muxer, null, "mp4", file.toString()),
        "create an MP4 muxer for " + file);
    openContext();
    stream = avformat_new_stream(muxer, null);
    check(
        avcodec_parameters_from_context(stream.codecpar(), codec),
        "set up the video stream of " + file);
    stream.time_base(codec.time_base());
    stream.avg_frame_rate(codec.framerate());
    Mp4.open(muxer, file, stream.time_base());

    picture = av_frame_alloc();
    picture.format(AV_PIX_FMT_YUV420P).width(width).height(height);
    check(av_frame_get_buffer(picture, 0), "allocate a " + width + "x" + height + " picture");
    packet = av_packet_alloc();
    converter =
        sws_getContext(
            width,
            height,
            AV_PIX_FMT_BGR24,
            width,
            height,
            AV_PIX_FMT_YUV420P,
            SWS_BILINEAR,
            null,
            null,
            (DoublePointer) null);
    source = new BytePointer((long) width * height * 3);
    sourcePlanes = new PointerPointer<>(source, null, null, null);
    sourceStride = new IntPointer(width * 3, 0, 0, 0);
  }

  /** Opens a fresh encoder context for the next group of pictures. */
  private void openContext() throws IOException {
    codec = avcodec_alloc_context3(h264);
    configure(codec, width, height, timeBase, frameRate, rate, keyframes.frames(frameRate));
    if ((muxer.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    check(
        openCodec(encoder, codec, h264, rate),
        "open the " + encoder.ffmpegName() + " encoder at " + width + "x" + height);
  }

  /**
   * Whether {@code encoder} opens on this node: a test encoder at 256x144, closed at once. NVENC
   * fails here without an NVIDIA driver (FFmpeg logs "Cannot load libcuda.so.1"), on a GPU without
   * an NVENC unit, or where the GPU has no free encoding session.
   */
  static boolean opens(H264Encoder encoder) {
    AVCodec h264 = avcodec_find_encoder_by_name(encoder.ffmpegName());
    if (h264 == null) {
      return false;
    }
    AVCodecContext probe = avcodec_alloc_context3(h264);
    try {
      configure(probe, PROBE_WIDTH, PROBE_HEIGHT, new TimeBase(1, 30), 30, PROBE_RATE, 30);
      return openCodec(encoder, probe, h264, PROBE_RATE) >= 0;
    } finally {
      avcodec_free_context(probe);
    }
  }

  private static void configure(
      AVCodecContext context,
      int width,
      int height,
      TimeBase timeBase,
      double frameRate,
      H264Rate rate,
      int keyframeInterval) {
    context
        .width(width)
        .height(height)
        .pix_fmt(AV_PIX_FMT_YUV420P)
        .bit_rate(rate.maxBitRate())
        .rc_max_rate(rate.maxBitRate())
        .gop_size(keyframeInterval)
        .max_b_frames(0)
        .time_base(av_make_q(timeBase.num(), timeBase.den()))
        .framerate(av_d2q(frameRate, 1_000_000));
  }

  /**
   * avcodec_open2 with the encoder's own rate control options. OpenH264 in bit-rate mode never
   * codes finer than its smallest quantizer: with that at the rate's quantizer, each frame gets it
   * until the bit rate would be exceeded. NVENC's constant-quality VBR keeps the quantizer's
   * quality and honours only the maximum bit rate.
   */
  private static int openCodec(
      H264Encoder encoder, AVCodecContext context, AVCodec h264, H264Rate rate) {
    AVDictionary options = new AVDictionary(null);
    if (encoder == H264Encoder.OPENH264) {
      av_dict_set(options, "rc_mode", "bitrate", 0);
      context.qmin(rate.quantizer());
    } else {
      av_dict_set(options, "rc", "vbr", 0);
      av_dict_set_int(options, "cq", rate.quantizer(), 0);
    }
    try {
      return avcodec_open2(context, h264, options);
    } finally {
      av_dict_free(options);
    }
  }

  /**
   * Encodes one frame ({@code width * height * 3} BGR bytes) shown at {@code ptsUs}, after the
   * previous one.
   */
  public void encode(byte[] bgr, long ptsUs) throws IOException {
    long ticks = timeBase.ticks(ptsUs);
    if (ticks <= lastTicks) {
      throw new IOException(
          "Cannot encode a frame at "
              + ptsUs
              + " µs into "
              + file
              + ": not after the previous frame (time base "
              + timeBase
              + ")");
    }
    lastTicks = ticks;
    if (frames > 0 && !keyframes.sameInterval(ptsUs, lastPtsUs)) {
      startGroup();
    }
    lastPtsUs = ptsUs;
    source.position(0).put(bgr, 0, width * height * 3);
    check(av_frame_make_writable(picture), "reuse the picture buffer");
    sws_scale(converter, sourcePlanes, sourceStride, 0, height, picture.data(), picture.linesize());
    picture.pts(ticks).duration(frameTicks);
    check(avcodec_send_frame(codec, picture), "encode frame " + frames + " into " + file);
    frames++;
    writePackets();
  }

  /** Flushes the encoder and completes the file. */
  public void finish() throws IOException {
    flush();
    check(av_write_trailer(muxer), "complete " + file);
  }

  /**
   * Ends the group of pictures and opens a fresh encoder, whose first frame is a keyframe. Its
   * parameter sets must equal those in the file's header, which they do for the same settings.
   */
  private void startGroup() throws IOException {
    flush();
    avcodec_free_context(codec);
    codec = null;
    openContext();
    if (!sameBytes(
        codec.extradata(),
        codec.extradata_size(),
        stream.codecpar().extradata(),
        stream.codecpar().extradata_size())) {
      throw new IllegalStateException(
          encoder.ffmpegName()
              + " gave other parameter sets for a new group of pictures in "
              + file);
    }
  }

  private void flush() throws IOException {
    check(avcodec_send_frame(codec, null), "flush the encoder of " + file);
    writePackets();
  }

  private static boolean sameBytes(BytePointer a, int aSize, BytePointer b, int bSize) {
    if (aSize != bSize) {
      return false;
    }
    if (aSize == 0) {
      return true;
    }
    byte[] x = new byte[aSize];
    byte[] y = new byte[bSize];
    a.position(0).get(x);
    b.position(0).get(y);
    return Arrays.equals(x, y);
  }

  /** Frames encoded so far. */
  public int frames() {
    return frames;
  }

  private void writePackets() throws IOException {
    while (true) {
      int ret = avcodec_receive_packet(codec, packet);
      if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
        return;
      }
      check(ret, "encode into " + file);
      if (packet.duration() <= 0) {
        packet.duration(frameTicks);
      }
      av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
      packet.stream_index(stream.index());
      check(av_interleaved_write_frame(muxer, packet), "write a packet to " + file);
    }
  }

  @Override
  public void close() {
    if (!muxer.isNull() && muxer.pb() != null) {
      avio_closep(muxer.pb());
    }
    avformat_free_context(muxer);
    if (codec != null) {
      avcodec_free_context(codec);
    }
    if (picture != null) {
      av_frame_free(picture);
    }
    if (packet != null) {
      av_packet_free(packet);
    }
    if (converter != null) {
      sws_freeContext(converter);
    }
    for (Pointer pointer : new Pointer[] {source, sourcePlanes, sourceStride}) {
      if (pointer != null) {
        pointer.close();
      }
    }
  }
}
