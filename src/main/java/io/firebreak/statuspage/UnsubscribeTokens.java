package io.firebreak.statuspage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The token of an unsubscribe link: the address and the lists it was mailed from, signed with
 * HMAC-SHA256 ({@code firebreak.status-page.unsubscribe-secret}, else a key generated once and kept
 * in the database). No login and no server-side state per email: the signature is the proof.
 * Tokens do not expire, so a link in an old email still works; changing the secret voids them all.
 */
@Component
class UnsubscribeTokens {

  /** Who may be unsubscribed by a token: an address, and the lists it was on ({@code all} or components). */
  record Subscription(String address, List<String> lists) {}

  private static final String VERSION = "1";
  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final StatusPageProperties properties;
  private final SubscriberStore store;
  private volatile byte[] key;

  UnsubscribeTokens(StatusPageProperties properties, SubscriberStore store) {
    this.properties = properties;
    this.store = store;
  }

  String sign(Subscription s) {
    List<String> parts = new ArrayList<>();
    parts.add(VERSION);
    parts.add(s.address());
    parts.addAll(s.lists());
    byte[] payload = String.join("\n", parts).getBytes(StandardCharsets.UTF_8);
    return ENCODE.encodeToString(payload) + "." + ENCODE.encodeToString(mac(payload));
  }

  /** The subscription a genuine token names; empty for anything forged, altered or malformed. */
  Optional<Subscription> verify(String token) {
    if (token == null || token.length() > 4000) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODE.decode(token.substring(0, dot));
      signature = DECODE.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // Constant time: a forger learns nothing from how long the comparison took.
    if (!MessageDigest.isEqual(mac(payload), signature)) {
      return Optional.empty();
    }
    List<String> parts = Arrays.asList(new String(payload, StandardCharsets.UTF_8).split("\n", -1));
    if (parts.size() < 2 || !parts.get(0).equals(VERSION) || parts.get(1).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Subscription(parts.get(1), List.copyOf(parts.subList(2, parts.size()))));
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      String configured = properties.unsubscribeSecret();
      k = configured == null || configured.isBlank()
          ? store.generatedSigningKey() : configured.getBytes(StandardCharsets.UTF_8);
      key = k;
    }
    return k;
  }
}
