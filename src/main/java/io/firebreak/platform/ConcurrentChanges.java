package io.firebreak.platform;

import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * Two changes to one incident at the same moment — two requests, or a request and the job that
 * is moving the incident's process on — make the engine refuse the later commit with an
 * {@link OptimisticLockingException} (or the database a lock not granted in time); its whole command
 * was rolled back, so trying it again is safe. Every controller call is tried again a few times, with a short random pause; if the
 * conflict persists the answer is 409 ({@link ConcurrentChangeErrors}), never a 500.
 *
 * <p>The controller method is called again with the arguments already read from the request, so a
 * body is read once. A controller that commits more than one engine command per call must be
 * idempotent per command (Firebreak's are one service call each).
 */
@Configuration(proxyBeanMethods = false)
class ConcurrentChanges {

  static final int ATTEMPTS = 5;
  private static final Logger log = LoggerFactory.getLogger(ConcurrentChanges.class);

  @Bean
  WebMvcRegistrations retryOnConcurrentChange() {
    return new WebMvcRegistrations() {
      @Override
      public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
        return new RequestMappingHandlerAdapter() {
          @Override
          protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod handlerMethod) {
            return new Retried(handlerMethod);
          }
        };
      }
    };
  }

  static boolean isConcurrentChange(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // The engine's optimistic lock, or the database's own: a row lock not granted in time, a deadlock.
      if (t instanceof OptimisticLockingException || t instanceof TransientDataAccessException) {
        return true;
      }
    }
    return false;
  }

  private static final class Retried extends ServletInvocableHandlerMethod {
    Retried(HandlerMethod handlerMethod) {
      super(handlerMethod);
    }

    @Override
    protected Object doInvoke(Object... args) throws Exception {
      for (int attempt = 1; ; attempt++) {
        try {
          return super.doInvoke(args);
        } catch (RuntimeException e) {
          if (attempt >= ATTEMPTS || !isConcurrentChange(e)) {
            throw e;
          }
          log.debug("{} conflicted with a concurrent change (attempt {}); trying again", getMethod().getName(), attempt);
          Thread.sleep(10L * attempt + ThreadLocalRandom.current().nextInt(20));
        }
      }
    }
  }
}
