package dev.agentruntime.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its PKCS#8 key as PEM files, for TLS servers and clients in tests.
 * Made with the JDK's {@code keytool} (the JDK has no public certificate builder, and
 * BouncyCastle's is not on the classpath). Being self-signed, the certificate is its own CA: trust
 * it to trust whoever presents it.
 *
 * @param certificate PEM file of the certificate
 * @param key PEM file of the private key ({@code BEGIN PRIVATE KEY})
 */
public record SelfSignedCertificate(Path certificate, Path key) {

  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  /**
   * Creates {@code <name>.crt} and {@code <name>.key} in {@code directory}, for the subject
   * alternative names given in keytool's form ({@code dns:localhost}, {@code ip:127.0.0.1}).
   */
  public static SelfSignedCertificate create(
      Path directory, String name, String... subjectAlternativeNames) {
    try {
      Files.createDirectories(directory);
      Path store = directory.resolve(name + ".p12");
      Files.deleteIfExists(store);
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  name,
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-dname",
                  "CN=" + name,
                  "-validity",
                  "2",
                  "-keystore",
                  store.toString(),
                  "-storetype",
                  "PKCS12",
                  "-storepass",
                  new String(STORE_PASSWORD)));
      if (subjectAlternativeNames.length > 0) {
        command.add("-ext");
        command.add("SAN=" + String.join(",", subjectAlternativeNames));
      }
      Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, STORE_PASSWORD);
      }
      Path certificate = directory.resolve(name + ".crt");
      Path key = directory.resolve(name + ".key");
      writePem(certificate, "CERTIFICATE", keys.getCertificate(name).getEncoded());
      writePem(key, "PRIVATE KEY", keys.getKey(name, STORE_PASSWORD).getEncoded());
      return new SelfSignedCertificate(certificate, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The certificate as PEM text, the form a secret injected into the environment has. */
  public String certificatePem() {
    return read(certificate);
  }

  public String keyPem() {
    return read(key);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    Files.writeString(
        file,
        "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
        StandardCharsets.US_ASCII);
  }
}
