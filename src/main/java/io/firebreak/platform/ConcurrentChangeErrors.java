package io.firebreak.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A conflict that outlasted {@link ConcurrentChanges}' retries: 409 with a sentence, nothing
 * changed. Before the API's catch-all error handler, after the intake's own (which answers 503 so
 * that senders retry).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ConcurrentChangeErrors {

  private static final Logger log = LoggerFactory.getLogger(ConcurrentChangeErrors.class);

  @ExceptionHandler({OptimisticLockingException.class, TransientDataAccessException.class})
  ResponseEntity<Map<String, Object>> conflict(RuntimeException e) {
    log.info("Request refused after {} attempts: a concurrent change of the same incident ({})",
        ConcurrentChanges.ATTEMPTS, e.toString());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "conflict");
    body.put("detail", "The incident was being changed by someone else at the same moment, so nothing was "
        + "changed; please try again.");
    return ResponseEntity.status(HttpStatus.CONFLICT).header("Retry-After", "1").body(body);
  }
}
