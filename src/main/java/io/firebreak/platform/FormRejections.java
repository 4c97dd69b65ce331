package io.firebreak.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Answers a {@link FormRejection} as {@code 400 {"type":"FormRejection","field":...,"message":...}}
 * in both Camunda REST applications: {@code /engine-rest} (scripts, Modeler) and the webapp's
 * {@code /camunda/api/engine} (Tasklist, which shows {@code message} in its banner). The engine wraps
 * a listener's exception in "ENGINE-03051 There was an exception while invoking the TaskListener"
 * and the REST layer turns that into a 500; these mappers look through that wrapping. Anything
 * else goes to Camunda's own handlers unchanged.
 *
 * <p>Registered through Jersey's {@link ForcedAutoDiscoverable} (META-INF/services), because the
 * webapp's Jersey application is not a Spring bean that could be configured.
 */
public final class FormRejections implements ForcedAutoDiscoverable {

  // Lower than Jersey's default 5000: preferred over Camunda's mappers of the same exception type.
  private static final int BEFORE_CAMUNDA = 100;

  @Override
  public void configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(RestExceptions.class)) {
      context.register(RestExceptions.class, BEFORE_CAMUNDA);
      context.register(EngineExceptions.class, BEFORE_CAMUNDA);
      context.register(Rejections.class, BEFORE_CAMUNDA);
    }
  }

  /** The rejection somewhere in {@code e}'s causes. */
  static Optional<FormRejection> find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FormRejection rejection) {
        return Optional.of(rejection);
      }
    }
    return Optional.empty();
  }

  static Response badRequest(FormRejection rejection) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "FormRejection");
    body.put("field", rejection.field());
    body.put("message", rejection.getMessage());
    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  /** What {@code submit-form} and {@code complete} throw after catching the engine's exception. */
  @Priority(BEFORE_CAMUNDA)
  public static final class RestExceptions implements ExceptionMapper<RestException> {
    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException e) {
      return find(e).map(FormRejections::badRequest).orElseGet(() -> camunda.toResponse(e));
    }
  }

  /** Engine exceptions that reach the REST layer unwrapped by a resource. */
  @Priority(BEFORE_CAMUNDA)
  public static final class EngineExceptions implements ExceptionMapper<ProcessEngineException> {
    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException e) {
      return find(e).map(FormRejections::badRequest).orElseGet(() -> camunda.toResponse(e));
    }
  }

  /** A rejection thrown by a service task right after the form (not wrapped by the engine). */
  @Priority(BEFORE_CAMUNDA)
  public static final class Rejections implements ExceptionMapper<FormRejection> {
    @Override
    public Response toResponse(FormRejection e) {
      return badRequest(e);
    }
  }
}
