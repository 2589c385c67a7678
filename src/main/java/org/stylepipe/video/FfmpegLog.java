package org.stylepipe.video;

import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stylepipe.common.JavaCppLoading;

/**
 * FFmpeg's own error lines ({@code [h264 @ 0x…] Invalid NAL unit size}) through the logger {@code
 * org.stylepipe.video.FfmpegLog}, naming what FFmpeg was doing for whom: code that drives FFmpeg
 * {@link Scope#enter enters} a {@link Scope} ({@code decode s3a://b/rec.mp4 segment 3 […]}) on its
 * thread. A damaged file does not flood the log: each scope logs its first {@value
 * #LINES_PER_SCOPE} lines at WARN, the rest at DEBUG, and on {@link Scope#close} one WARN line
 * counting them. Lines from FFmpeg's own threads (decoder threads, {@code --decoder-threads} above
 * 1) carry no scope and share one such budget per JVM.
 */
public final class FfmpegLog extends LogCallback {
  /** Lines a scope logs at WARN; the rest go to DEBUG. */
  static final int LINES_PER_SCOPE = 3;

  private static final Logger LOG = LoggerFactory.getLogger(FfmpegLog.class);
  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
  private static final Scope UNSCOPED = new Scope("an FFmpeg thread");

  /** The callback FFmpeg calls; held here so that it is never collected. */
  private static final FfmpegLog INSTANCE = new FfmpegLog();

  static {
    // On executors: before their tasks load the rest of FFmpeg and OpenCV.
    JavaCppLoading.configure();
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    avutil.setLogCallback(INSTANCE);
  }

  private FfmpegLog() {}

  /** Routes FFmpeg's log through this class from now on (once per JVM; later calls do nothing). */
  public static void install() {
    // The static initializer does the work.
  }

  /** A scope named {@code name}, for one piece of work: a segment's decode, a video's encode. */
  public static Scope scope(String name) {
    install();
    return new Scope(name);
  }

  @Override
  public void call(int level, BytePointer message) {
    if (level > avutil.AV_LOG_ERROR) {
      return;
    }
    String line = message.getString().strip();
    if (line.isEmpty()) {
      return;
    }
    Scope scope = CURRENT.get();
    (scope == null ? UNSCOPED : scope).log(line);
  }

  /** What FFmpeg works on for the code that entered it, and how many lines it logged. */
  public static final class Scope implements AutoCloseable {
    private final String name;
    private final AtomicInteger lines = new AtomicInteger();

    private Scope(String name) {
      this.name = name;
    }

    /** Makes this scope the calling thread's until the returned handle is closed. */
    public Entered enter() {
      Scope previous = CURRENT.get();
      CURRENT.set(this);
      return () -> CURRENT.set(previous);
    }

    /** Lines FFmpeg logged in this scope. */
    public int lines() {
      return lines.get();
    }

    void log(String line) {
      int count = lines.incrementAndGet();
      if (count <= LINES_PER_SCOPE) {
        LOG.warn("FFmpeg, {}: {}", name, line);
      } else {
        LOG.debug("FFmpeg, {}: {}", name, line);
      }
    }

    /** Logs how many lines went to DEBUG only, if any. */
    @Override
    public void close() {
      int hidden = lines.get() - LINES_PER_SCOPE;
      if (hidden > 0) {
        LOG.warn(
            "FFmpeg, {}: {} more lines (logger {} at DEBUG shows them)",
            name,
            hidden,
            FfmpegLog.class.getName());
      }
    }
  }

  /** A scope entered on a thread; closing it restores the thread's previous scope. */
  @FunctionalInterface
  public interface Entered extends AutoCloseable {
    @Override
    void close();
  }
}
