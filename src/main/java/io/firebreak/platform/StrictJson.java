package io.firebreak.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one strict reading of JSON request bodies, for the API ({@code @RequestBody}, through Spring's
 * ObjectMapper) and the intake endpoints alike: exactly one JSON document (no trailing garbage, no
 * second document), Jackson's nesting and size limits, and no text that only hides things: a NUL
 * character or a lone UTF-16 surrogate in any string is refused (400 naming the field), not stored.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

  /** For bodies read by hand (the intake endpoints, which need the raw bytes for signatures). */
  public static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .addModule(textModule())
      .build();

  /** A string in the body that is refused; {@link #getPathReference()} names the field. */
  public static final class BadText extends JsonMappingException {
    BadText(JsonParser parser, String problem) {
      super(parser, problem);
    }
  }

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictRequestBodies() {
    return builder -> builder.featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .modulesToInstall(textModule());
  }

  static Module textModule() {
    return new SimpleModule("firebreak-strict-text").addDeserializer(String.class, new StringDeserializer() {
      @Override
      public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String value = super.deserialize(p, ctxt);
        String problem = problem(value);
        if (problem != null) {
          throw new BadText(p, problem);
        }
        return value;
      }
    });
  }

  /** Why {@code text} is refused, or null when it is fine. */
  public static String problem(String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        return "must not contain a NUL character (U+0000)";
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not contain a lone UTF-16 surrogate (\\u" + Integer.toHexString(c) + ")";
      }
    }
    return null;
  }

  /** A refused string: where ({@code alerts[0].labels.team}, {@code body} for the root) and why. */
  public record Problem(String field, String message) {}

  /** The first refused string in a tree, field names included, or null. */
  public static Problem firstProblem(JsonNode node, String path) {
    String here = path.isEmpty() ? "body" : path;
    if (node.isTextual()) {
      String problem = problem(node.asText());
      return problem == null ? null : new Problem(here, problem);
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Problem found = firstProblem(node.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String problem = problem(e.getKey());
        if (problem != null) {
          // The name itself is not echoed: it is the text being refused.
          return new Problem(here, "a field name " + problem);
        }
        Problem found = firstProblem(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
