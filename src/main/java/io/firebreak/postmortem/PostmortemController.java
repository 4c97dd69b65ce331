package io.firebreak.postmortem;

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

  PostmortemController(PostmortemDocument document) {
    this.document = document;
  }

  @GetMapping("/api/incidents/{key}/postmortem.md")
  ResponseEntity<String> postmortem(@PathVariable String key) {
    String markdown = document.render(key);
    return ResponseEntity.ok()
        .contentType(MARKDOWN)
        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + key.replaceAll("[^A-Za-z0-9-]", "") + "-postmortem.md\"")
        .body(markdown);
  }
}
