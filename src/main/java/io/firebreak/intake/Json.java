package io.firebreak.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.platform.StrictJson;
import io.firebreak.incident.IncidentDeclaration.FieldError;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reading of webhook JSON through the one strict reader ({@link StrictJson}), then leniently: unknown
 * fields ignored, scalars taken as text, control characters other than NUL dropped.
 */
final class Json {

  private static final ObjectMapper MAPPER = StrictJson.MAPPER;

  /** Control characters (NUL included) except line feed and tab. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

  private Json() {}

  /** The body as a JSON object, or a 400 saying why not. */
  static JsonNode object(byte[] body) {
    if (body.length == 0) {
      throw BadPayload.malformed("the request body is empty; send a JSON object");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw BadPayload.malformed("the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw BadPayload.malformed("the request body could not be read");
    }
    if (root == null || !root.isObject()) {
      throw BadPayload.malformed("the request body must be a JSON object");
    }
    StrictJson.Problem problem = StrictJson.firstProblem(root, "");
    if (problem != null) {
      throw new BadPayload("invalid_request", List.of(new FieldError(problem.field(), problem.message())));
    }
    return root;
  }

  /** A string field: text or another scalar as text; {@code null} when absent, null or blank. */
  static String text(JsonNode node, String field, String path, List<FieldError> errors) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      errors.add(new FieldError(path, "must be a string"));
      return null;
    }
    String s = clean(v.asText());
    return s.isBlank() ? null : s;
  }

  /** An object of string values (labels, annotations); non-scalar values are skipped. */
  static Map<String, String> strings(JsonNode node, String field, String path, List<FieldError> errors) {
    Map<String, String> out = new TreeMap<>();
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      errors.add(new FieldError(path, "must be an object"));
      return out;
    }
    v.fields().forEachRemaining(e -> {
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        out.put(clean(e.getKey()), clean(e.getValue().asText()));
      }
    });
    return out;
  }

  /** Control characters other than line breaks and tabs are dropped: they only hide things. */
  static String clean(String s) {
    return s == null ? null : CONTROL.matcher(s).replaceAll("");
  }

  /** At most {@code max} characters (code points, so an emoji counts once and is never cut in half). */
  static String truncate(String s, int max) {
    if (s == null || s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
