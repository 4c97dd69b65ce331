package io.firebreak.integrations;

import io.firebreak.platform.ErrorBody;
import io.firebreak.platform.CurrentUser;
import io.firebreak.platform.FirebreakGroups;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/integrations/deliveries}: the outbound delivery log (HTTP steps and webhook
 * subscribers), newest first, for operators ({@code camunda-admin}). Never a secret: the log holds
 * targets as {@code METHOD host/path} or {@code webhook:<name>}, statuses and short errors.
 */
@RestController
class DeliveryLogController {

  static final int MAX_LIMIT = 500;

  private final OutboundDeliveries deliveries;

  DeliveryLogController(OutboundDeliveries deliveries) {
    this.deliveries = deliveries;
  }

  @GetMapping(path = "/api/integrations/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> deliveries(@RequestParam(required = false) String incident,
      @RequestParam(required = false) String state, @RequestParam(defaultValue = "100") int limit,
      HttpServletRequest request) {
    if (!CurrentUser.of(request).memberOf(FirebreakGroups.ADMINS)) {
      return ErrorBody.entity(HttpStatus.FORBIDDEN, "forbidden",
          "The delivery log is for operators (group " + FirebreakGroups.ADMINS + ").");
    }
    OutboundDeliveries.State wanted = null;
    if (state != null && !state.isBlank()) {
      try {
        wanted = OutboundDeliveries.State.valueOf(state.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return ErrorBody.entity(HttpStatus.BAD_REQUEST, "invalid", "state must be one of sending, delivered, rejected",
            "field", "state");
      }
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      return ErrorBody.entity(HttpStatus.BAD_REQUEST, "invalid", "limit must be between 1 and " + MAX_LIMIT,
          "field", "limit");
    }
    String key = incident == null || incident.isBlank() ? null : incident.strip();
    List<Map<String, Object>> rows = deliveries.recent(key, wanted, limit).stream().map(d -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("incident", d.incidentKey());
      row.put("target", d.target());
      row.put("event", d.event());
      row.put("state", d.state().name().toLowerCase(Locale.ROOT));
      row.put("attempts", d.attempts());
      row.put("httpStatus", d.httpStatus());
      row.put("lastError", d.lastError());
      row.put("firstAttemptAt", d.firstAttemptAt().toInstant().toString());
      row.put("lastAttemptAt", d.lastAttemptAt().toInstant().toString());
      return row;
    }).toList();
    return ResponseEntity.ok(Map.of("deliveries", rows));
  }
}
