package dev.agentruntime.core.temporal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A setting that holds either PEM text or the path of a PEM file: secrets injected into an
 * environment variable arrive as text, mounted ones as files. Text is recognised by its {@code
 * -----BEGIN} line; anything else is a path.
 */
final class PemSetting {

  private static final String PEM_START = "-----BEGIN";

  private PemSetting() {}

  /**
   * The PEM content of {@code value}; {@code property} names the setting in the error when a file
   * cannot be read.
   */
  static byte[] read(String property, String value) {
    String trimmed = value.strip();
    if (trimmed.startsWith(PEM_START)) {
      return trimmed.getBytes(StandardCharsets.US_ASCII);
    }
    try {
      return Files.readAllBytes(Path.of(trimmed));
    } catch (IOException | InvalidPathException e) {
      throw new IllegalArgumentException(
          property
              + " is neither PEM text (starting with "
              + PEM_START
              + ") nor a readable file: "
              + trimmed
              + " ("
              + e
              + ")",
          e);
    }
  }

  static InputStream open(String property, String value) {
    return new ByteArrayInputStream(read(property, value));
  }
}
