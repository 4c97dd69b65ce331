package io.firebreak.incident;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.firebreak.incident.IncidentDeclaration.InvalidDeclarationException;
import io.firebreak.incident.IncidentService.IncidentConflictException;
import io.firebreak.incident.IncidentService.IncidentNotFoundException;
import io.firebreak.platform.ErrorBody;
import io.firebreak.platform.StrictJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every API error as {@code {"error": "...", "detail": "..."}} with a 4xx status; never a 500 for
 * anything a client sent. Unexpected failures are a 500 with no internals in the body.
 */
@RestControllerAdvice
class ApiErrors {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /** A request parameter or field the client got wrong. */
  static class BadRequest extends RuntimeException {
    final String field;

    BadRequest(String field, String message) {
      super(field + ": " + message);
      this.field = field;
    }
  }

  /** An ordered map that, unlike {@link Map#of}, takes nulls. */
  static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  static ResponseEntity<Map<String, Object>> error(HttpStatus status, String error, String detail) {
    return ErrorBody.entity(status, error, detail);
  }

  @ExceptionHandler(InvalidDeclarationException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidDeclarationException e) {
    return ErrorBody.entity(HttpStatus.BAD_REQUEST, "invalid_request",
        e.errors().stream().map(Object::toString).collect(Collectors.joining("; ")),
        "fields", e.errors().stream().map(f -> map("field", f.field(), "message", f.message())).toList());
  }

  @ExceptionHandler(BadRequest.class)
  ResponseEntity<Map<String, Object>> badRequest(BadRequest e) {
    return error(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
      String field = jme.getPath().stream()
          .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."));
      return error(HttpStatus.BAD_REQUEST, "invalid_request",
          field + ": " + (jme instanceof StrictJson.BadText ? jme.getOriginalMessage() : "has the wrong type"));
    }
    if (e.getCause() instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mie
        && mie.getOriginalMessage().contains("Trailing token")) {
      return error(HttpStatus.BAD_REQUEST, "malformed_json",
          "the request body must be exactly one JSON object, with nothing after it");
    }
    return error(HttpStatus.BAD_REQUEST, "malformed_json", "the request body is not a JSON object");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
    return error(HttpStatus.BAD_REQUEST, "invalid_request", e.getName() + ": has the wrong type");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
    return error(HttpStatus.BAD_REQUEST, "invalid_request", e.getParameterName() + ": is required");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> unsupportedType(HttpMediaTypeNotSupportedException e) {
    return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send Content-Type: application/json");
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return error(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "responses are application/json");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
    return error(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMethod() + " is not supported here");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e) {
    return error(HttpStatus.NOT_FOUND, "not_found", "no such endpoint");
  }

  @ExceptionHandler(IncidentNotFoundException.class)
  ResponseEntity<Map<String, Object>> notFound(IncidentNotFoundException e) {
    return error(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
  }

  @ExceptionHandler(IncidentPermissions.ForbiddenException.class)
  ResponseEntity<Map<String, Object>> forbidden(IncidentPermissions.ForbiddenException e) {
    return error(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
  }

  @ExceptionHandler(IncidentConflictException.class)
  ResponseEntity<Map<String, Object>> conflict(IncidentConflictException e) {
    return error(HttpStatus.CONFLICT, "conflict", e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    log.error("Unexpected API failure", e);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "unexpected failure; see the server log");
  }
}
