package org.stylepipe.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.statistics.IOStatisticsSupport;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylepipe.testing.S3Server;
import org.stylepipe.testing.TestVideos;

/** Recordings on a real S3 server, read through S3A streams. */
class MediaSourceTest {
  @TempDir Path dir;

  @Test
  void closingAGrabberClosesItsObjectStream() throws Exception {
    try (S3Server s3 = S3Server.start()) {
      Configuration conf = new Configuration();
      s3.hadoopSettings().forEach(conf::set);
      Path video = TestVideos.constantRate(dir.resolve("clip.mp4"), 128, 72, 30, 25, 10);
      org.apache.hadoop.fs.Path object = new org.apache.hadoop.fs.Path("s3a://" + s3.createBucket("media") + "/clip.mp4");
      FileSystem fs = object.getFileSystem(conf);
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(video.toUri()), object);

      for (int i = 0; i < 3; i++) {
        try (FFmpegFrameGrabber grabber = MediaSource.grabber(object.toString(), conf)) {
          grabber.start();
          assertNotNull(grabber.grabImage());
        }
      }
      // A stream left open holds an HTTP connection; JavaCV closes it only on the second release() of close().
      long closed = IOStatisticsSupport.retrieveIOStatistics(fs).counters().get("stream_read_close_operations");
      assertEquals(3, closed);
    }
  }
}
