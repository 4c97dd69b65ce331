package io.firebreak.intake;

import io.firebreak.platform.ErrorBody;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the intake endpoints: 400 naming every wrong field (Alertmanager drops 4xx, so it must
 * say what to fix), 415, and 503 with {@code Retry-After} for anything the database or the engine
 * could not commit (Alertmanager and PagerDuty clients retry 5xx, so nothing is lost). PagerDuty
 * clients also find PagerDuty's own error fields.
 */
@RestControllerAdvice(assignableTypes = {AlertController.class, SlackController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class IntakeErrors {

  private static final Logger log = LoggerFactory.getLogger(IntakeErrors.class);

  @ExceptionHandler(BadPayload.class)
  ResponseEntity<Map<String, Object>> bad(BadPayload e) {
    return ErrorBody.entity(HttpStatus.BAD_REQUEST, e.error, BadPayload.describe(e.errors),
        "fields", e.errors.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList(),
        "status", "invalid event",
        "message", "Event object is invalid",
        "errors", e.errors.stream().map(Object::toString).toList());
  }

  @ExceptionHandler(AlertController.UnsupportedType.class)
  ResponseEntity<Map<String, Object>> unsupported(AlertController.UnsupportedType e) {
    return ErrorBody.entity(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", e.getMessage());
  }

  @ExceptionHandler(Retrying.Unavailable.class)
  ResponseEntity<Map<String, Object>> unavailable(Retrying.Unavailable e) {
    return retryLater();
  }

  @ExceptionHandler({DataAccessException.class, TransactionException.class, ProcessEngineException.class})
  ResponseEntity<Map<String, Object>> storage(RuntimeException e) {
    log.error("Intake could not commit a delivery; answering 503 so that the sender retries", e);
    return retryLater();
  }

  private static ResponseEntity<Map<String, Object>> retryLater() {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
        .body(ErrorBody.of("unavailable", "the delivery was not recorded; retry shortly"));
  }
}
