package io.firebreak.statuspage;

import com.samskivert.mustache.Template;
import io.firebreak.platform.Templates;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The unsubscribe link of every subscriber email, anonymous like the page: {@code GET
 * /status/unsubscribe?token=…} only asks (mail scanners follow links), the button's {@code POST}
 * unsubscribes; so does the RFC 8058 one-click {@code POST} a mail provider sends
 * ({@code List-Unsubscribe=One-Click}, token in the query). The signed token is the only proof
 * needed; a forged, altered or missing one gets a 400 page.
 */
@RestController
class UnsubscribeController {

  private final UnsubscribeTokens tokens;
  private final SubscriberStore store;
  private final StatusPageProperties properties;
  private final Template page = Templates.htmlPage("statuspage/unsubscribe.html.mustache");

  UnsubscribeController(UnsubscribeTokens tokens, SubscriberStore store, StatusPageProperties properties) {
    this.tokens = tokens;
    this.store = store;
    this.properties = properties;
  }

  @GetMapping("/status/unsubscribe")
  ResponseEntity<String> confirm(@RequestParam(name = "token", required = false) String token) {
    Optional<UnsubscribeTokens.Subscription> s = tokens.verify(token);
    if (s.isEmpty()) {
      return invalid();
    }
    Map<String, Object> model = model(s.get());
    model.put("confirm", !store.unsubscribed(s.get().address()));
    model.put("already", store.unsubscribed(s.get().address()));
    model.put("token", token);
    return html(HttpStatus.OK, model);
  }

  @PostMapping("/status/unsubscribe")
  ResponseEntity<String> unsubscribe(@RequestParam(name = "token", required = false) String token) {
    Optional<UnsubscribeTokens.Subscription> s = tokens.verify(token);
    if (s.isEmpty()) {
      return invalid();
    }
    store.unsubscribe(s.get().address(), s.get().lists(), ClockUtil.getCurrentTime().toInstant());
    Map<String, Object> model = model(s.get());
    model.put("done", true);
    return html(HttpStatus.OK, model);
  }

  private ResponseEntity<String> invalid() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", properties.name());
    model.put("invalid", true);
    return html(HttpStatus.BAD_REQUEST, model);
  }

  private Map<String, Object> model(UnsubscribeTokens.Subscription s) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", properties.name());
    model.put("address", s.address());
    List<String> components = s.lists().stream().filter(l -> !l.equals(StatusSubscribers.ALL)).toList();
    model.put("allUpdates", s.lists().contains(StatusSubscribers.ALL));
    model.put("hasComponentLists", !components.isEmpty());
    model.put("componentLists", String.join(", ", components));
    return model;
  }

  private ResponseEntity<String> html(HttpStatus status, Map<String, Object> model) {
    // Never cached: the answer depends on the token and on what was done with it.
    return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
        .contentType(new MediaType("text", "html", StandardCharsets.UTF_8)).body(page.execute(model));
  }
}
