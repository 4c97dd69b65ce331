package io.firebreak.intake;

import io.firebreak.incident.IncidentDeclaration.FieldError;
import java.util.List;

/** A request body the intake cannot accept; the answer is 400 naming every problem. */
class BadPayload extends RuntimeException {

  final transient List<FieldError> errors;
  final String error;

  BadPayload(String error, List<FieldError> errors) {
    super(errors.toString());
    this.error = error;
    this.errors = List.copyOf(errors);
  }

  static String describe(List<FieldError> errors) {
    return errors.stream().map(Object::toString).collect(java.util.stream.Collectors.joining("; "));
  }

  static BadPayload malformed(String detail) {
    return new BadPayload("malformed_json", List.of(new FieldError("body", detail)));
  }
}
