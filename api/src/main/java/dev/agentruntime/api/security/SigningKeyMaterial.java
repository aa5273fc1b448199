package dev.agentruntime.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RSA moduli in verification key material, in the forms SmallRye JWT reads from {@code
 * mp.jwt.verify.publickey} or {@code mp.jwt.verify.publickey.location}: a JWK Set (Keycloak's
 * {@code certs} endpoint), a single JWK, PEM public keys or certificates, or a public key in base64
 * without PEM lines. Keys of other types (EC, symmetric) are skipped: they cannot be the demo
 * realm's RSA key.
 */
final class SigningKeyMaterial {

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]*)-----END \\1-----");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SigningKeyMaterial() {}

  /**
   * @throws IllegalArgumentException when the text holds no key at all, or a key that does not
   *     parse
   */
  static List<BigInteger> rsaModuli(String text) {
    String content = text.strip();
    List<BigInteger> moduli = new ArrayList<>();
    if (content.startsWith("{")) {
      fromJson(content, moduli);
    } else if (content.contains("-----BEGIN ")) {
      fromPem(content, moduli);
    } else if (!content.isEmpty()) {
      rsa(publicKey(base64(content))).ifPresent(moduli::add);
    } else {
      throw new IllegalArgumentException("it is empty");
    }
    return moduli;
  }

  private static void fromJson(String content, List<BigInteger> moduli) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (IOException e) {
      throw new IllegalArgumentException("it is not JSON");
    }
    JsonNode keys = root.has("keys") ? root.get("keys") : JSON.createArrayNode().add(root);
    if (!keys.isArray()) {
      throw new IllegalArgumentException("its keys member is not an array");
    }
    for (JsonNode jwk : keys) {
      if (!"RSA".equals(jwk.path("kty").asText())) {
        continue;
      }
      if (jwk.hasNonNull("n")) {
        moduli.add(PublishedSigningKeys.modulus(jwk.get("n").asText()));
      } else if (jwk.path("x5c").isArray() && !jwk.path("x5c").isEmpty()) {
        rsa(certificateKey(base64(jwk.path("x5c").get(0).asText()))).ifPresent(moduli::add);
      } else {
        throw new IllegalArgumentException("an RSA key has neither n nor x5c");
      }
    }
  }

  private static void fromPem(String content, List<BigInteger> moduli) {
    Matcher block = PEM.matcher(content);
    boolean any = false;
    while (block.find()) {
      any = true;
      byte[] der = base64(block.group(2));
      switch (block.group(1)) {
        case "PUBLIC KEY" -> rsa(publicKey(der)).ifPresent(moduli::add);
        case "CERTIFICATE" -> rsa(certificateKey(der)).ifPresent(moduli::add);
        default ->
            throw new IllegalArgumentException(
                "it holds a PEM " + block.group(1) + ", not a PUBLIC KEY or CERTIFICATE");
      }
    }
    if (!any) {
      throw new IllegalArgumentException("its PEM block is incomplete");
    }
  }

  private static Optional<BigInteger> rsa(PublicKey key) {
    return key instanceof RSAPublicKey rsa ? Optional.of(rsa.getModulus()) : Optional.empty();
  }

  private static PublicKey publicKey(byte[] der) {
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not a key of this type; try the next
      }
    }
    throw new IllegalArgumentException("it holds a public key that is neither RSA nor EC");
  }

  private static PublicKey certificateKey(byte[] der) {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der))
          .getPublicKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("it holds a certificate that does not parse");
    }
  }

  private static byte[] base64(String text) {
    try {
      return Base64.getDecoder().decode(text.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("it is not base64");
    }
  }
}
