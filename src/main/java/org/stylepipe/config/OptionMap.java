package org.stylepipe.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Raw job options: {@code --key value} pairs from the command line laid over a properties file of
 * defaults. A key given on the command line replaces the file's value; repeatable keys ({@code
 * --input}) collect every value in order. Typed access and validation live in the job's
 * configuration class.
 */
public final class OptionMap {
  private final Map<String, List<String>> values;

  private OptionMap(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * Parses {@code --key value} (or {@code --key=value}) pairs; anything else is an error naming it.
   */
  public static OptionMap fromArgs(List<String> args) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException(
            "Cannot parse argument '" + arg + "': options look like --name value");
      }
      String key;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        key = arg.substring(2, eq);
        value = arg.substring(eq + 1);
      } else {
        key = arg.substring(2);
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
          throw new IllegalArgumentException("Cannot parse option --" + key + ": it needs a value");
        }
        value = args.get(++i);
      }
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return new OptionMap(values);
  }

  /** Reads a properties file of defaults; keys are option names without dashes. */
  public static OptionMap fromFile(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read options file " + file + ": " + e.getMessage(), e);
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      values.put(key, List.of(properties.getProperty(key).trim()));
    }
    return new OptionMap(values);
  }

  /** An empty map. */
  public static OptionMap empty() {
    return new OptionMap(new LinkedHashMap<>());
  }

  /** These options with {@code overrides} replacing any key they also hold. */
  public OptionMap overriddenBy(OptionMap overrides) {
    Map<String, List<String>> merged = new LinkedHashMap<>(values);
    merged.putAll(overrides.values);
    return new OptionMap(merged);
  }

  /** These options without the given keys (those consumed before the job's own validation). */
  public OptionMap without(String... keys) {
    Map<String, List<String>> rest = new LinkedHashMap<>(values);
    for (String key : keys) {
      rest.remove(key);
    }
    return new OptionMap(rest);
  }

  /** Fails naming every key that is not in {@code supported}. */
  public void rejectUnknown(Set<String> supported) {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(supported);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot use options "
              + unknown
              + ": not supported; supported are "
              + new TreeSet<>(supported));
    }
  }

  /** All values of a repeatable key, in order; empty if absent. */
  public List<String> all(String key) {
    return Collections.unmodifiableList(values.getOrDefault(key, List.of()));
  }

  /** The single value of a key, or {@code fallback} if absent; a key given twice is an error. */
  public String get(String key, String fallback) {
    List<String> list = values.get(key);
    if (list == null || list.isEmpty()) {
      return fallback;
    }
    if (list.size() > 1) {
      throw new IllegalArgumentException(
          "Cannot use option --" + key + " more than once: got " + list);
    }
    return list.get(0);
  }

  /** The single value of a required key. */
  public String require(String key) {
    String value = get(key, null);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Cannot run without option --" + key);
    }
    return value;
  }

  public int getInt(String key, int fallback, int min, int max) {
    String text = get(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min || value > max) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Cannot use --" + key + " " + text + ": expected an integer from " + min + " to " + max);
    }
  }

  public long getLong(String key, long fallback) {
    String text = get(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Cannot use --" + key + " " + text + ": expected an integer");
    }
  }

  /** The keys given. */
  public Set<String> keys() {
    return Collections.unmodifiableSet(values.keySet());
  }

  public double getDouble(String key, double fallback, double minExclusive) {
    String text = get(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (!(value > minExclusive) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Cannot use --" + key + " " + text + ": expected a number greater than " + minExclusive);
    }
  }

  public boolean getBoolean(String key, boolean fallback) {
    String text = get(key, null);
    if (text == null) {
      return fallback;
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(
            "Cannot use --" + key + " " + text + ": expected true or false");
    }
  }

  /** Parses an enum constant case-insensitively, naming the allowed values on error. */
  public <E extends Enum<E>> E getEnum(String key, E fallback) {
    String text = get(key, null);
    if (text == null) {
      return fallback;
    }
    for (E constant : fallback.getDeclaringClass().getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text.trim())) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : fallback.getDeclaringClass().getEnumConstants()) {
      allowed.add(constant.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException(
        "Cannot use --" + key + " " + text + ": expected one of " + allowed);
  }
}
