package org.stylepipe.common;

import org.bytedeco.javacpp.Loader;

/**
 * JavaCPP looking for this build's native libraries only. By default it also looks for the
 * libraries of its platform's extensions, the CUDA build of OpenCV ({@code -gpu}: 24 CUDA, cuDNN
 * and NPP libraries) and the GPL build of FFmpeg ({@code -gpl}), which stylepipe does not ship:
 * each name it misses is looked up in every jar on the class path (some 250 with Spark's), a few
 * seconds of CPU and JIT compilation per JVM as FFmpeg and OpenCV load
 * (docs/benchmarks.md#dataset-job). An empty {@code org.bytedeco.javacpp.platform.extension} skips
 * them.
 *
 * <p>That empty extension alone also makes FFmpeg's {@code postproc} class fail to initialize
 * ("Platform linux-x86_64 not supported"): postproc exists in the GPL build only, and JavaCPP
 * treats a class that only an extension provides as optional (it initializes, without a library)
 * only while no extension is set. JavaCPP initializes postproc with every class that inherits it,
 * avfilter's and avdevice's (JavaCV's grabber and recorder, the {@code ffmpeg} program), so {@link
 * #configure} first initializes it the default way, then sets the empty extension. Afterwards every
 * class initializes as before; what stays refused is an explicit {@code
 * Loader.load(postproc.class)} (JavaCV's {@code FFmpegFrameFilter}, which stylepipe does not use),
 * and the CUDA modules of OpenCV, which this build cannot load either way.
 *
 * <p>An extension set on the command line ({@code -Dorg.bytedeco.javacpp.platform.extension=-gpu}
 * for a CUDA build) is left as it is.
 */
public final class JavaCppLoading {
  /** The system property JavaCPP reads the platform's extension from. */
  public static final String EXTENSION = "org.bytedeco.javacpp.platform.extension";

  private static boolean configured;

  private JavaCppLoading() {}

  /** Once per JVM, before FFmpeg or OpenCV load (later calls do nothing). */
  public static synchronized void configure() {
    if (configured) {
      return;
    }
    configured = true;
    if (System.getProperty(EXTENSION) != null) {
      return;
    }
    // Initialized while no extension is set, postproc is an optional class without a library.
    Loader.load(org.bytedeco.ffmpeg.global.postproc.class);
    System.setProperty(EXTENSION, "");
    Loader.loadProperties(true);
  }
}
