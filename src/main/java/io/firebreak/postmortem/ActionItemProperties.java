package io.firebreak.postmortem;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who an overdue action item escalates to ({@code firebreak.action-items.*}). The owner's lead is
 * data: {@code leads} maps an owner's user id to their lead's user id; an owner without an entry
 * escalates to every member of {@code lead-group} (default {@code leadership}).
 */
@ConfigurationProperties("firebreak.action-items")
public record ActionItemProperties(@DefaultValue Map<String, String> leads, @DefaultValue("leadership") String leadGroup) {

  /** The lead's user id, or {@code null} when the owner has none configured (then: the lead group). */
  public String leadOf(String owner) {
    String lead = leads.get(owner);
    return lead == null || lead.isBlank() ? null : lead.strip();
  }
}
