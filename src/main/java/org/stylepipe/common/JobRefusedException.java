package org.stylepipe.common;

/**
 * A job refused before it wrote anything, for a reason the user can fix on the command line: an
 * output made otherwise, a {@code --model} that cannot be read or does not match its checksum, a
 * local output on a cluster. The command line's exit status for it is 2, as for bad options; any
 * other exception while a job runs is a job failure (exit status 1).
 */
public class JobRefusedException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public JobRefusedException(String message) {
    super(message);
  }

  public JobRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
