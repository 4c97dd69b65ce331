package io.firebreak.maintenance;

import io.firebreak.platform.AsFirebreak;
import io.firebreak.platform.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/maintenances/{key}/cancel} {@code {"reason": "..."}}: cancels a planned maintenance
 * (the process's message {@code MaintenanceCancelled}); the page shows it completed with the reason.
 * Allowed for its owner and the groups in {@link #MAY_CANCEL}; 404 for a maintenance that is not
 * running (never was, completed, cancelled already).
 */
@RestController
@RequestMapping("/api/maintenances")
class MaintenanceController {

  static final List<String> MAY_CANCEL = List.of("communications", "incident-commanders", "camunda-admin");
  static final int MAX_REASON = 1000;

  private final ProcessEngine engine;

  MaintenanceController(ProcessEngine engine) {
    this.engine = engine;
  }

  @PostMapping("/{key}/cancel")
  ResponseEntity<Map<String, Object>> cancel(@PathVariable String key,
      @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    Object given = body == null ? null : body.get("reason");
    String reason = given == null ? "" : given.toString().strip();
    if (reason.codePointCount(0, reason.length()) > MAX_REASON) {
      return error(HttpStatus.BAD_REQUEST, "bad_request", "reason: at most " + MAX_REASON + " characters");
    }
    return AsFirebreak.call(engine.getIdentityService(), () -> {
      ProcessInstance instance = engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey(MaintenanceProcess.KEY).processInstanceBusinessKey(key).active().singleResult();
      if (instance == null) {
        return error(HttpStatus.NOT_FOUND, "not_found", "no running maintenance " + key);
      }
      Object owner = engine.getRuntimeService().getVariable(instance.getId(), MaintenanceProcess.OWNER.name());
      if (!user.id().equals(owner) && MAY_CANCEL.stream().noneMatch(user::memberOf)) {
        return error(HttpStatus.FORBIDDEN, "forbidden", "only the maintenance's owner (" + owner
            + ") or members of " + String.join(", ", MAY_CANCEL) + " may cancel it");
      }
      engine.getRuntimeService().createMessageCorrelation(MaintenanceProcess.MESSAGE_CANCELLED)
          .processInstanceId(instance.getId())
          .setVariable(MaintenanceProcess.CANCEL_REASON.name(), reason)
          .setVariable("cancelledBy", user.id())
          .correlate();
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("key", key);
      answer.put("status", "cancelled");
      return ResponseEntity.ok(answer);
    });
  }

  private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    return ResponseEntity.status(status).body(body);
  }
}
