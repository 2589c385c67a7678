package org.stylepipe.storage;

import org.stylepipe.common.JobRefusedException;

/**
 * Refuses a local output ({@code file:}, or a relative path on a local default file system) when
 * the job runs on a cluster: each task would write its files on whichever node ran it, and no node
 * would hold the whole output. Local masters ({@code local}, {@code local[N]}, {@code
 * local-cluster[...]}) run every task on this machine; a cluster's shared mount (NFS, say) is
 * allowed when the user says so.
 */
public final class OutputPlacement {
  private OutputPlacement() {}

  /**
   * @param output the output's qualified URI
   * @param master the Spark master the job runs on
   * @param sharedMount whether the user stated that a local output is mounted on every node
   * @param option the option that states it, named in the message
   * @throws JobRefusedException if a local output would be scattered over the cluster's nodes
   */
  public static void check(String output, String master, boolean sharedMount, String option) {
    boolean local = output.startsWith("file:");
    if (local && !sharedMount && !master.startsWith("local")) {
      throw new JobRefusedException(
          "Cannot write to "
              + output
              + " from a cluster ("
              + master
              + "): it is a local folder, so each task would write its files on whichever node ran"
              + " it; use a shared store (s3a://, hdfs://), or --"
              + option
              + " true if every node mounts this folder at the same path");
    }
  }
}
