package org.stylepipe.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stylepipe.testing.S3Server;

/**
 * The marker and lease rules on the real S3 server (s3proxy through S3A): whether it honours
 * conditional writes decides how the lease file is created; either way one of several racing runs
 * wins.
 */
class OutputClaimS3IT {
  private static S3Server s3;
  private static Configuration conf;
  private static String bucket;

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3Server.start();
    conf = new Configuration();
    s3.hadoopSettings().forEach(conf::set);
    bucket = s3.createBucket("claims");
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Test
  void ofRunsRacingForOneOutputExactlyOneWinsAndTheOthersNameIt() throws Exception {
    Path folder = new Path("s3a://" + bucket + "/probe");
    FileSystem fs = folder.getFileSystem(conf);
    System.out.println(
        "S3A conditional create capability: "
            + fs.hasPathCapability(folder, CreateIfAbsent.CONDITIONAL)
            + "; lease files created by: "
            + CreateIfAbsent.method(fs, folder));
    for (int round = 0; round < 8; round++) {
      OutputClaimTest.race(new OutputLayout("s3a://" + bucket + "/race " + round + " #é"), conf, 4);
    }
  }

  @Test
  void anotherJobsOutputIsRefusedAndOverwriteRemovesEverything() throws Exception {
    OutputLayout layout = new OutputLayout("s3a://" + bucket + "/ds [1] 日本");
    OutputClaim.take(layout, JobKind.DATASET, "a", false, conf).close();
    FileStore store = new FileStore(conf);
    store.write(layout.resolve("frames/r/original/00000000.png"), new byte[] {1});
    store.write(layout.stylizedVideo("r"), new byte[] {2});
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> OutputClaim.take(layout, JobKind.STYLIZE, "b", false, conf));
    assertTrue(refused.getMessage().contains("of stylepipe dataset"), refused.getMessage());
    FileSystem fs = new Path(layout.root()).getFileSystem(conf);
    assertTrue(fs.exists(new Path(layout.resolve("frames/r/original/00000000.png"))));

    try (OutputClaim claim = OutputClaim.take(layout, JobKind.STYLIZE, "b", true, conf)) {
      assertFalse(claim.resume());
    }
    assertFalse(fs.exists(new Path(layout.frames())));
    assertFalse(fs.exists(new Path(layout.stylizedVideo("r"))));
    assertEquals(new OutputMarker(JobKind.STYLIZE, "b"), OutputMarker.read(layout, conf));
    try (OutputClaim claim = OutputClaim.take(layout, JobKind.STYLIZE, "b", false, conf)) {
      assertTrue(claim.resume());
    }
  }
}
