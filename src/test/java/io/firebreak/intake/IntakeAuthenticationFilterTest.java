package io.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** With no intake token or signing secret configured, the intake endpoints are closed, never open. */
class IntakeAuthenticationFilterTest {

  final IntakeProperties limits = new IntakeProperties(1024, Duration.ofMinutes(5), Duration.ofSeconds(1), "https://hooks.slack.com/");

  @Test
  void alertEndpointsRefuseEveryoneWhileNoTokenIsConfigured() throws Exception {
    IntakeAuthenticationFilter filter = new IntakeAuthenticationFilter("",
        new SlackSignature("secret", limits, null, Clock.systemUTC()), limits);
    for (String auth : new String[] {null, "Bearer ", "Bearer null", "Basic YWRtaW46YWRtaW4="}) {
      MockHttpServletRequest request = post("/api/alerts/alertmanager", "{\"status\":\"firing\"}");
      if (auth != null) {
        request.addHeader("Authorization", auth);
      }
      MockHttpServletResponse response = new MockHttpServletResponse();
      MockFilterChain chain = new MockFilterChain();
      filter.doFilter(request, response, chain);
      assertThat(response.getStatus()).isEqualTo(503);
      assertThat(response.getContentAsString()).contains("not_configured", "FIREBREAK_INTAKE_TOKEN");
      assertThat(chain.getRequest()).as("nothing behind the filter ran").isNull();
    }
    MockHttpServletRequest pd = post("/api/alerts/pagerduty/v2/enqueue", "{\"routing_key\":\"\"}");
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(pd, response, new MockFilterChain());
    assertThat(response.getStatus()).isEqualTo(503);
  }

  @Test
  void slackCommandsAreRefusedWhileNoSigningSecretIsConfigured() throws Exception {
    IntakeAuthenticationFilter filter = new IntakeAuthenticationFilter("token",
        new SlackSignature(null, limits, null, Clock.systemUTC()), limits);
    MockHttpServletRequest request = post("/api/slack/commands", "command=%2Fincident&text=declare+x");
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, response, chain);
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentAsString()).contains("FIREBREAK_SLACK_SIGNING_SECRET");
    assertThat(chain.getRequest()).isNull();
  }

  @Test
  void theRightTokenPassesWithTheBodyReadableAgain() throws Exception {
    IntakeAuthenticationFilter filter = new IntakeAuthenticationFilter("token",
        new SlackSignature(null, limits, null, Clock.systemUTC()), limits);
    MockHttpServletRequest request = post("/api/alerts/alertmanager", "{\"status\":\"firing\"}");
    request.addHeader("Authorization", "Bearer token");
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, new MockHttpServletResponse(), chain);
    assertThat(chain.getRequest()).isNotNull();
    assertThat(new String(IntakeAuthenticationFilter.body(request))).isEqualTo("{\"status\":\"firing\"}");
    assertThat(new String(chain.getRequest().getInputStream().readAllBytes())).isEqualTo("{\"status\":\"firing\"}");
  }

  private static MockHttpServletRequest post(String path, String body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    request.setServletPath(path);
    request.setContent(body.getBytes());
    return request;
  }
}
