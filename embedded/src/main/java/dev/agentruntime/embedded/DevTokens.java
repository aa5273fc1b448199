package dev.agentruntime.embedded;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * Signs bearer tokens the API accepts, for standalone mode and tests, with a local RSA key pair
 * instead of Keycloak. The claims are those Keycloak's realm issues: {@code iss}, {@code aud},
 * {@code sub}, {@code groups} (roles) and {@code tenant}.
 */
public final class DevTokens {

  public static final String ISSUER = "https://agent-runtime.local/standalone";
  public static final String AUDIENCE = "agent-runtime-api";
  public static final String TENANT_CLAIM = "tenant";

  private final KeyPair keys;
  private final Path publicKeyPem;

  private DevTokens(KeyPair keys, Path publicKeyPem) {
    this.keys = keys;
    this.publicKeyPem = publicKeyPem;
  }

  /**
   * Loads the key pair kept in {@code directory}, or creates one there. Keeping it means tokens
   * minted before a restart of standalone mode still verify after it.
   */
  public static DevTokens inDirectory(Path directory) {
    try {
      Files.createDirectories(directory);
      Path privatePem = directory.resolve("private-key.pem");
      Path publicPem = directory.resolve("public-key.pem");
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (Files.exists(privatePem) && Files.exists(publicPem)) {
        PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privatePem)));
        PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(readPem(publicPem)));
        return new DevTokens(new KeyPair(publicKey, privateKey), publicPem);
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      writePem(privatePem, "PRIVATE KEY", keys.getPrivate().getEncoded());
      writePem(publicPem, "PUBLIC KEY", keys.getPublic().getEncoded());
      return new DevTokens(keys, publicPem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The PEM file the API verifies signatures with ({@code mp.jwt.verify.publickey.location}). */
  public Path publicKeyPem() {
    return publicKeyPem;
  }

  public String mint(String subject, String tenant, Set<String> roles, Duration ttl) {
    JwtClaimsBuilder claims =
        Jwt.issuer(ISSUER).audience(AUDIENCE).subject(subject).groups(roles).expiresIn(ttl);
    if (tenant != null) {
      claims.claim(TENANT_CLAIM, tenant);
    }
    return claims.jws().keyId("dev").sign(keys.getPrivate());
  }

  /** A token for a platform administrator, who manages tenants and belongs to none. */
  public String platformAdmin(Duration ttl) {
    return mint("platform-admin", null, Set.of("platform-admin"), ttl);
  }

  /** A token for a member of {@code tenant} with every tenant role. */
  public String tenantAdmin(String tenant, Duration ttl) {
    return mint(tenant + "-admin", tenant, Set.of("agent-admin", "runner", "viewer"), ttl);
  }

  private static byte[] readPem(Path file) throws IOException {
    String body =
        Files.readString(file, StandardCharsets.US_ASCII)
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
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
