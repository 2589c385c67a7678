package org.stylepipe.common;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/**
 * With JavaCPP looking for this build's libraries only, everything stylepipe and its tests load
 * still loads: FFmpeg's libraries through JavaCV's grabber and recorder (whose avdevice inherits
 * the GPL-only postproc), the {@code ffmpeg} program, OpenCV's modules.
 */
class JavaCppLoadingTest {
  @Test
  void theEmptyExtensionLeavesEveryPresetTheJobsUseLoadable() throws Exception {
    String before = System.getProperty(JavaCppLoading.EXTENSION); // one set outside stays
    JavaCppLoading.configure();
    JavaCppLoading.configure(); // once per JVM
    String extension = before == null ? "" : before;
    assertEquals(extension, System.getProperty(JavaCppLoading.EXTENSION));
    assertEquals(extension, Loader.loadProperties().getProperty("platform.extension"));
    assertDoesNotThrow(() -> Class.forName("org.bytedeco.ffmpeg.global.postproc"));
    assertDoesNotThrow(org.bytedeco.javacv.FFmpegFrameGrabber::tryLoad);
    assertDoesNotThrow(org.bytedeco.javacv.FFmpegFrameRecorder::tryLoad);
    assertDoesNotThrow(() -> Loader.load(org.bytedeco.ffmpeg.global.avfilter.class));
    String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    assertTrue(Files.isExecutable(Path.of(ffmpeg)), ffmpeg);
    for (Class<?> module :
        new Class<?>[] {
          org.bytedeco.opencv.global.opencv_core.class,
          org.bytedeco.opencv.global.opencv_imgproc.class,
          org.bytedeco.opencv.global.opencv_imgcodecs.class,
          org.bytedeco.opencv.global.opencv_video.class
        }) {
      assertDoesNotThrow(() -> Loader.load(module), module.getName());
    }
  }
}
