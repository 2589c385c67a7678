package org.stylepipe.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.statistics.IOStatisticsSupport;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.testing.S3Server;
import org.stylepipe.testing.TestVideos;

/** A recording on a real S3 server, read through S3A: few requests, and no stream left open. */
class MediaSourceIT {
  @TempDir static Path dir;
  static S3Server s3;
  static Configuration conf;
  static String bucket;
  static long size;

  @BeforeAll
  static void upload() throws Exception {
    s3 = S3Server.start();
    conf = new Configuration();
    s3.hadoopSettings().forEach(conf::set);
    bucket = s3.createBucket("media");
    // Index (moov) at the end, as most recorders write it; large enough for many of S3A's 64 KiB
    // random reads.
    Path video = TestVideos.constantRate(dir.resolve("clip.mp4"), 128, 72, 600, 25, 25);
    size = Files.size(video);
    for (String name : new String[] {"probe.mp4", "close.mp4"}) {
      org.apache.hadoop.fs.Path object =
          new org.apache.hadoop.fs.Path("s3a://" + bucket + "/" + name);
      object
          .getFileSystem(conf)
          .copyFromLocalFile(new org.apache.hadoop.fs.Path(video.toUri()), object);
    }
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Test
  void demuxingARecordingIndexedAtItsEndTakesFewRequests() throws Exception {
    assertTrue(size > 8 * 64 * 1024, "size " + size);
    String uri = "s3a://" + bucket + "/probe.mp4";
    long before = counter(uri, "stream_read_opened");
    int packets = 0;
    try (FFmpegFrameGrabber grabber = MediaSource.grabber(uri, conf)) {
      grabber.start();
      while (grabber.grabPacket() != null) {
        packets++;
      }
    }
    assertEquals(600, packets);
    // Start, moov at the end, back to the first frame: one GET each, not one per 64 KiB.
    long requests = counter(uri, "stream_read_opened") - before;
    assertTrue(requests <= 4, "GET requests: " + requests);
  }

  @Test
  void closingAGrabberClosesItsObjectStream() throws Exception {
    String uri = "s3a://" + bucket + "/close.mp4";
    long before = counter(uri, "stream_read_close_operations");
    for (int i = 0; i < 3; i++) {
      try (FFmpegFrameGrabber grabber = MediaSource.grabber(uri, conf)) {
        grabber.start();
        assertNotNull(grabber.grabImage());
      }
    }
    // A stream left open holds an HTTP connection; JavaCV closes it only on the second release() of
    // close().
    assertEquals(3, counter(uri, "stream_read_close_operations") - before);
  }

  private static long counter(String uri, String name) throws Exception {
    FileSystem fs = new org.apache.hadoop.fs.Path(uri).getFileSystem(conf);
    Map<String, Long> counters = IOStatisticsSupport.retrieveIOStatistics(fs).counters();
    return counters.get(name);
  }
}
