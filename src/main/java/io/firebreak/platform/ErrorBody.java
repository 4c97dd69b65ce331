package io.firebreak.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one shape of every Firebreak error answer, {@code {"error": "<code>", "detail": "<sentence>"}}
 * plus optional extra fields (e.g. {@code fields}), for controllers, advice and servlet filters alike.
 */
public final class ErrorBody {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorBody() {}

  /** {@code error} and {@code detail}, then {@code extra} as key, value, key, value… (nulls allowed). */
  public static Map<String, Object> of(String error, String detail, Object... extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      body.put((String) extra[i], extra[i + 1]);
    }
    return body;
  }

  public static ResponseEntity<Map<String, Object>> entity(HttpStatusCode status, String error, String detail,
      Object... extra) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(of(error, detail, extra));
  }

  /** For servlet filters, which answer before any controller. */
  public static void write(HttpServletResponse response, int status, String error, String detail) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    try {
      response.getWriter().write(JSON.writeValueAsString(of(error, detail)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
