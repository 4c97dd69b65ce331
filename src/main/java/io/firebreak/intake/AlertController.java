package io.firebreak.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/alerts/alertmanager} (Alertmanager and Grafana webhooks) and
 * {@code POST /api/alerts/pagerduty/v2/enqueue} (PagerDuty Events API v2). Authenticated by the
 * intake token ({@link IntakeAuthenticationFilter}); answers only after the incident or the
 * attachment is committed.
 */
@RestController
@RequestMapping("/api/alerts")
class AlertController {

  private final AlertIntake intake;

  AlertController(AlertIntake intake) {
    this.intake = intake;
  }

  @PostMapping("/alertmanager")
  ResponseEntity<Map<String, Object>> alertmanager(HttpServletRequest request) {
    requireJson(request);
    AlertmanagerWebhook.Parsed parsed = AlertmanagerWebhook.parse(IntakeAuthenticationFilter.body(request));
    List<AlertIntake.Touched> touched = parsed.firing()
        ? List.of(intake.fire(parsed.delivery()))
        : intake.resolve(parsed.delivery()).stream().toList();
    return ResponseEntity.ok(Map.of("incidents",
        touched.stream().map(t -> Map.of("key", t.key(), "action", t.action())).toList()));
  }

  @PostMapping("/pagerduty/v2/enqueue")
  ResponseEntity<Map<String, Object>> pagerduty(HttpServletRequest request) {
    requireJson(request);
    PagerDutyEvent.Parsed parsed = PagerDutyEvent.parse(IntakeAuthenticationFilter.body(request));
    Optional<AlertIntake.Touched> touched = switch (parsed.action()) {
      case "trigger" -> Optional.of(intake.fire(parsed.delivery()));
      case "acknowledge" -> intake.acknowledge(parsed.delivery());
      default -> intake.resolve(parsed.delivery());
    };
    // PagerDuty's own answer, plus which incident it touched.
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of(
        "status", "success",
        "message", touched.isPresent() ? "Event processed" : "Event processed; no open incident has this dedup_key",
        "dedup_key", parsed.dedupKey(),
        "incidents", touched.stream().map(t -> Map.of("key", t.key(), "action", t.action())).toList()));
  }

  static void requireJson(HttpServletRequest request) {
    String type = request.getContentType();
    try {
      MediaType media = type == null ? null : MediaType.parseMediaType(type);
      if (media != null && (media.isCompatibleWith(MediaType.APPLICATION_JSON)
          || "application".equals(media.getType()) && media.getSubtype().endsWith("+json"))) {
        return;
      }
    } catch (InvalidMediaTypeException e) {
      // falls through to 415
    }
    throw new UnsupportedType("send Content-Type: application/json");
  }

  /** 415 with what to send instead. */
  static class UnsupportedType extends RuntimeException {
    UnsupportedType(String message) {
      super(message);
    }
  }
}
