package dev.agentruntime.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Signing keys for the tests of {@link SigningKeyCheck}, as files, PEM text and JWK Sets. */
final class SigningKeys {

  private SigningKeys() {}

  /** The public key of the demo realm's provider demo-rsa-LOCAL-USE-ONLY, from its certificate. */
  static RSAPublicKey demoRealmKey() throws IOException, CertificateException {
    JsonNode realm =
        new ObjectMapper().readTree(Files.readString(repoFile("auth/keycloak-realm.json")));
    JsonNode provider = null;
    for (JsonNode component : realm.at("/components/org.keycloak.keys.KeyProvider")) {
      if ("demo-rsa-LOCAL-USE-ONLY".equals(component.path("name").asText())) {
        provider = component;
      }
    }
    if (provider == null) {
      throw new AssertionError("the realm has no key provider demo-rsa-LOCAL-USE-ONLY");
    }
    byte[] certificate = Base64.getDecoder().decode(provider.at("/config/certificate/0").asText());
    return (RSAPublicKey)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(certificate))
            .getPublicKey();
  }

  /** The PEM public key of Kong's consumer in gateway/kong.yml. */
  static String kongConsumerKey() throws IOException {
    JsonNode kong = new YAMLMapper().readTree(Files.readString(repoFile("gateway/kong.yml")));
    return kong.at("/consumers/0/jwt_secrets/0/rsa_public_key").asText();
  }

  static RSAPublicKey freshKey() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return (RSAPublicKey) generator.generateKeyPair().getPublic();
  }

  static String pem(RSAPublicKey key) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  /** A JWK Set as Keycloak's certs endpoint serves it: RSA keys by n and e, beside an EC key. */
  static String jwks(RSAPublicKey... keys) throws IOException {
    List<String> kids = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      kids.add("key-" + i);
    }
    return jwks(kids, List.of(keys));
  }

  /** As {@link #jwks(RSAPublicKey...)}, one key under this key id (the tokens' {@code kid}). */
  static String jwks(String kid, RSAPublicKey key) throws IOException {
    return jwks(List.of(kid), List.of(key));
  }

  private static String jwks(List<String> kids, List<RSAPublicKey> keys) throws IOException {
    List<Map<String, String>> entries = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      RSAPublicKey key = keys.get(i);
      entries.add(
          Map.of(
              "kid",
              kids.get(i),
              "kty",
              "RSA",
              "alg",
              "RS256",
              "use",
              "sig",
              "n",
              base64Url(key.getModulus()),
              "e",
              base64Url(key.getPublicExponent())));
    }
    entries.add(
        Map.of(
            "kid", "ec",
            "kty", "EC",
            "crv", "P-256",
            "x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
            "y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"));
    return new ObjectMapper().writeValueAsString(Map.of("keys", entries));
  }

  /** Serves {@code body} as application/json at /certs on a loopback port until closed. */
  static HttpServer serveJwks(int port, String body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/certs",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static Path repoFile(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(name + " not found above " + Path.of("").toAbsolutePath());
  }
}
