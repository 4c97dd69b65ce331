package io.firebreak.incident;

import com.samskivert.mustache.Escapers;
import io.firebreak.platform.Templates;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Writes the timeline lines people read. Their wording is the process owner's: each line is the
 * template {@code timeline-<wording>.text.mustache} (shipped in {@code messages/}, overridden in
 * {@code firebreak.templates.dir}, read on every line, so no restart); Java passes only the facts.
 * The kind of a line is a {@link TimelineKind}, stable (reports match on it, never on wording).
 * The two methods a model calls take the kind as the model wrote it and store it as given.
 *
 * <p>A model can also write a line itself where nothing else records the moment, e.g.
 * {@code ${incidentTimeline.note(execution, 'ESCALATION_EXHAUSTED', 'Nobody acknowledged ...')}}:
 * then the wording lives in the model. Used so by {@code EndEvent_LevelsExhausted} in
 * {@code incident-escalation.bpmn}.
 */
@Component("incidentTimeline")
public class IncidentTimeline {

  private final IncidentRepository incidents;
  private final Templates templates;

  IncidentTimeline(IncidentRepository incidents, Templates templates) {
    this.incidents = incidents;
    this.templates = templates;
  }

  public void note(DelegateExecution execution, String kind, String text) {
    incidents.addModelTimeline(Incidents.keyOf(execution), kind, "firebreak", text);
  }

  /**
   * A line for what a person published (a status update, a customer statement), with them as its
   * author: {@code ${incidentTimeline.published(task.execution, 'STATUS_UPDATE', statusUpdateBy,
   * 'status-update-published', updateText)}} in a task's complete listener.
   */
  public String published(DelegateExecution execution, String kind, Object author, String wording, Object text) {
    String line = text(wording, facts("text", text == null ? "" : text.toString()));
    incidents.addModelTimeline(Incidents.keyOf(execution), kind, author == null ? null : author.toString(), line);
    return line;
  }

  /** Adds the line worded by {@code timeline-<wording>.text.mustache} with these facts; returns its text. */
  public String add(String key, TimelineKind kind, String actor, String wording, Map<String, ?> facts) {
    String text = text(wording, facts);
    incidents.addTimeline(key, kind, actor, text);
    return text;
  }

  /** The text of a timeline line, without writing it (for a log line saying the same). */
  public String text(String wording, Map<String, ?> facts) {
    // Plain text: the timeline is escaped wherever it is shown (HTML page, Markdown, Slack).
    return templates.render("timeline-" + wording, "text", Escapers.NONE, facts).strip();
  }

  /** Facts for a line: name, value, name, value, ...; a value may be {@code null} (templates test it). */
  public static Map<String, Object> facts(Object... namesAndValues) {
    Map<String, Object> facts = new HashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      facts.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return facts;
  }
}
