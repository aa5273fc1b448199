package dev.agentruntime.api.security;

import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * RSA token signing keys whose private halves are published: anyone can sign a token that such a
 * key verifies, so an API that trusts one trusts everybody. Known by modulus, which is what a PEM
 * key, a certificate and a JWKS entry of the same key have in common.
 *
 * <p>Today the one entry is the demo realm's fixed key (the provider {@code
 * demo-rsa-LOCAL-USE-ONLY} of {@code auth/keycloak-realm.json}, whose public half {@code
 * gateway/kong.yml} carries); {@code SigningKeyCheckTest} derives it from the realm file, so the
 * two cannot drift apart.
 */
public final class PublishedSigningKeys {

  /** A published key: what to call it in a message, and its RSA modulus. */
  public record PublishedKey(String name, BigInteger modulus) {}

  private static final List<PublishedKey> KEYS =
      List.of(
          new PublishedKey(
              "the demo realm's key demo-rsa-LOCAL-USE-ONLY (auth/keycloak-realm.json, whose"
                  + " private key is in the repository; its public half is in gateway/kong.yml)",
              modulus(
                  "r5XXHatEMgxk14NfJ44w3z1fpSgZbzyvDdcX0H3aF_bjy1KDdZRsBRa3YdSxBtjc_CuE3AB6_2Ycwuj4"
                      + "38EuwGtUHRgLsHMznV628oZ3l5B9OmUWlwuFpE8aEs4J1tRm2DwtvdktiZrzXBZ_IYGvsRVs9kQs"
                      + "xLNXMIdSdXBuN7zHABKQfdOrYULlRL0b8w-fJ3MZOzfny9w66Ue2tjgF_hAAKorGw8ryEiRQdRcT"
                      + "zQ6vOJWu8TyhiLlLwguxZD0lnE_0D_PdAvTkgv8YD0NJxSVZ0OMIM0p5sk45zpMHQDQBU5w9G5zP"
                      + "tQxM20O-9wilADptRyUgvyNqs2QIaWTcVQ")));

  private PublishedSigningKeys() {}

  public static List<PublishedKey> all() {
    return KEYS;
  }

  /** The published key with this modulus, if it is one. */
  public static Optional<PublishedKey> find(BigInteger modulus) {
    return KEYS.stream().filter(k -> k.modulus().equals(modulus)).findFirst();
  }

  /** A modulus as a JWK writes it ({@code n}: unsigned big-endian, base64url without padding). */
  static BigInteger modulus(String base64Url) {
    return new BigInteger(1, Base64.getUrlDecoder().decode(base64Url));
  }
}
