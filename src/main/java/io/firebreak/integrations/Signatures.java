package io.firebreak.integrations;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Firebreak signs what it sends: {@code X-Firebreak-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">} with the receiver's key, {@code X-Firebreak-Timestamp: <epoch seconds>}.
 * The timestamp is inside the signature so a receiver can refuse old (replayed) deliveries.
 */
public final class Signatures {

  public static final String SIGNATURE_HEADER = "X-Firebreak-Signature";
  public static final String TIMESTAMP_HEADER = "X-Firebreak-Timestamp";

  private Signatures() {}

  public static String sign(String key, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
