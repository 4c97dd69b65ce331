package io.firebreak.postmortem;

import io.firebreak.incident.IncidentService;
import io.firebreak.incident.IncidentVisibility;
import io.firebreak.platform.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/incidents/{key}/postmortem.md}: the postmortem as Markdown. HTTP Basic like all of /api. */
@RestController
class PostmortemController {

  static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

  private final PostmortemDocument document;
  private final IncidentService incidents;
  private final IncidentVisibility visibility;

  PostmortemController(PostmortemDocument document, IncidentService incidents, IncidentVisibility visibility) {
    this.document = document;
    this.incidents = incidents;
    this.visibility = visibility;
  }

  /** Only for who may read the incident (else 404, as for the incident itself). */
  @GetMapping("/api/incidents/{key}/postmortem.md")
  ResponseEntity<String> postmortem(@PathVariable String key, HttpServletRequest request) {
    CurrentUser user = CurrentUser.of(request);
    visibility.requireRead(incidents.get(key), user.id(), user.groups());
    String markdown = document.render(key);
    return ResponseEntity.ok()
        .contentType(MARKDOWN)
        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + key.replaceAll("[^A-Za-z0-9-]", "") + "-postmortem.md\"")
        .body(markdown);
  }
}
