package org.stylepipe.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Who holds an output's lease, as its lease file says: the run's id, its command, where it runs
 * (host, process id, user), when it started, its last heartbeat, and whether it has released the
 * lease.
 */
record LeaseHolder(
    String run,
    String command,
    String host,
    long pid,
    String user,
    Instant started,
    Instant heartbeat,
    boolean released) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A new run of {@code command} in this process, its heartbeat now. */
  static LeaseHolder thisProcess(String command) {
    Instant now = Instant.now();
    return new LeaseHolder(
        UUID.randomUUID().toString(),
        command,
        hostName(),
        ProcessHandle.current().pid(),
        System.getProperty("user.name"),
        now,
        now,
        false);
  }

  LeaseHolder beating(Instant now) {
    return new LeaseHolder(run, command, host, pid, user, started, now, false);
  }

  LeaseHolder releasing() {
    return new LeaseHolder(run, command, host, pid, user, started, Instant.now(), true);
  }

  /**
   * Whether this holder still holds the lease at {@code now}: not released, a heartbeat within
   * {@code timeout}, and, on this host, its process alive (a killed job's lease is taken over at
   * once).
   */
  boolean live(Instant now, Duration timeout) {
    if (released || heartbeat.plus(timeout).isBefore(now)) {
      return false;
    }
    return !host.equals(hostName())
        || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The holder in a few words, for messages. */
  String describe(Instant now) {
    return String.format(
        "the %s run %s of %s on %s (process %d), started %s, last heartbeat %d s ago",
        command,
        run,
        user,
        host,
        pid,
        started,
        Math.max(0, Duration.between(heartbeat, now).toSeconds()));
  }

  byte[] toJson() throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("run", run);
    fields.put("command", command);
    fields.put("host", host);
    fields.put("pid", pid);
    fields.put("user", user);
    fields.put("started", started.toString());
    fields.put("heartbeat", heartbeat.toString());
    fields.put("released", released);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(fields);
  }

  static LeaseHolder fromJson(byte[] bytes) throws IOException {
    Map<?, ?> fields = JSON.readValue(bytes, Map.class);
    return new LeaseHolder(
        (String) fields.get("run"),
        (String) fields.get("command"),
        (String) fields.get("host"),
        ((Number) fields.get("pid")).longValue(),
        (String) fields.get("user"),
        Instant.parse((String) fields.get("started")),
        Instant.parse((String) fields.get("heartbeat")),
        Boolean.TRUE.equals(fields.get("released")));
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
