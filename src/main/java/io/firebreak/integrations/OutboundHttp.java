package io.firebreak.integrations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The one HTTP client of outbound integrations: Spring's {@link RestClient} over the JDK
 * {@link HttpClient}, with the configured connect and read timeouts. Answers any status (the step
 * decides what counts as success); a timeout or connection failure is thrown. Logs method, host and
 * path with the status, never headers, query strings or bodies (they carry credentials and user text).
 */
@Component
class OutboundHttp {

  private static final Logger log = LoggerFactory.getLogger(OutboundHttp.class);

  /** What came back. */
  record Response(int status, String body) {}

  private final RestClient client;

  OutboundHttp(IntegrationsProperties properties) {
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(properties.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        // Plain HTTP/1.1: no h2c upgrade dance with servers (and test fakes) that do not expect it.
        .version(HttpClient.Version.HTTP_1_1)
        .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(properties.timeout());
    this.client = RestClient.builder().requestFactory(factory).build();
  }

  Response send(String method, URI uri, Map<String, String> headers, byte[] body) {
    RestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(uri)
        .headers(h -> headers.forEach(h::set));
    if (body != null) {
      request.body(body);
    }
    Response response = request.exchange((req, res) -> new Response(res.getStatusCode().value(),
        new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)), true);
    log.info("{} {}://{}{} -> {}", method, uri.getScheme(), uri.getAuthority(), uri.getPath(), response.status());
    return response;
  }

  /** Never the exception's own message alone when it could name a URL with a query: the kind and the host. */
  static String describe(Exception e, URI uri) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof IOException)) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + " calling " + uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
  }
}
