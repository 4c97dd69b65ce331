package io.firebreak.intake;

import io.firebreak.incident.IncidentDeclaration.FieldError;
import io.firebreak.platform.StrictJson;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/slack/commands}: the {@code /incident} slash command, verified by Slack's
 * signature ({@link IntakeAuthenticationFilter}). Answers Slack with an ephemeral message (HTTP 200,
 * as Slack requires, also when the command itself is refused); the command's slow consequences
 * (channel, pages, posts) run afterwards as the processes' asynchronous steps.
 */
@RestController
class SlackController {

  static final int MAX_TEXT = 3000;

  private final SlackCommands commands;

  SlackController(SlackCommands commands) {
    this.commands = commands;
  }

  @PostMapping("/api/slack/commands")
  Map<String, Object> command(HttpServletRequest request) {
    String type = request.getContentType();
    boolean form;
    try {
      form = type != null && MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED);
    } catch (InvalidMediaTypeException e) {
      form = false;
    }
    if (!form) {
      throw new AlertController.UnsupportedType("send Content-Type: application/x-www-form-urlencoded, as Slack does");
    }
    Map<String, String> fields = decode(IntakeAuthenticationFilter.body(request));
    List<FieldError> errors = new ArrayList<>();
    for (String required : List.of("command", "user_id", "user_name", "channel_name")) {
      if (fields.getOrDefault(required, "").isBlank()) {
        errors.add(new FieldError(required, "is required"));
      }
    }
    fields.forEach((name, value) -> {
      String problem = StrictJson.problem(value);
      if (problem != null) {
        errors.add(new FieldError(name, problem));
      }
    });
    String text = fields.getOrDefault("text", "");
    if (text.codePointCount(0, text.length()) > MAX_TEXT) {
      errors.add(new FieldError("text", "must be at most " + MAX_TEXT + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new BadPayload("invalid_request", errors);
    }
    String reply = commands.handle(new SlackCommands.Command(
        Json.truncate(fields.get("command"), 50), Json.clean(text).strip(),
        Json.truncate(fields.get("user_id"), 50), Json.truncate(fields.get("user_name"), 100),
        Json.truncate(fields.get("channel_name"), 100), Json.truncate(fields.get("channel_id"), 50),
        fields.get("response_url")));
    return Map.of("response_type", "ephemeral", "text", reply);
  }

  /** Slack's form, decoded by Spring's form converter; the first value of a repeated field counts. */
  private static Map<String, String> decode(byte[] body) {
    HttpInputMessage message = new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return new ByteArrayInputStream(body);
      }

      @Override
      public HttpHeaders getHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return headers;
      }
    };
    try {
      return new FormHttpMessageConverter().read(null, message).toSingleValueMap();
    } catch (IllegalArgumentException | IOException e) {
      throw new BadPayload("invalid_request", List.of(new FieldError("body", "is not valid form encoding")));
    }
  }
}
