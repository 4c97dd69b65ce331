package io.firebreak.statuspage;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.comms.MessageTemplates;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.TimelineKind;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The default adapter: Firebreak's own public page ({@code /status}, {@link StatusPageController}). */
class BuiltInStatusPage implements StatusPagePort {

  /** When a first public update carries no title (the shipped template {@code status-page-title}). */
  static final String TITLE_TEMPLATE = "status-page-title";

  private final PublicStatusStore store;
  private final IncidentTimeline timeline;
  private final MessageTemplates templates;
  private final StatusPageDocuments documents;
  private final StatusSubscribers subscribers;

  BuiltInStatusPage(PublicStatusStore store, IncidentTimeline timeline, MessageTemplates templates,
      StatusPageDocuments documents, StatusSubscribers subscribers) {
    this.subscribers = subscribers;
    this.documents = documents;
    this.store = store;
    this.timeline = timeline;
    this.templates = templates;
  }

  @Override
  public void publish(StatusPageUpdate update) {
    String fallbackTitle = templates.render(TITLE_TEMPLATE, Format.TEXT, Map.of()).strip();
    if (store.apply(update, fallbackTitle, ClockUtil.getCurrentTime().toInstant())) {
      timeline.add(update.incidentKey(), TimelineKind.STATUS_PAGE, "status-page", "status-page-published",
          facts("status", update.status(), "text", update.text()));
      documents.changed();
      subscribers.published(StatusSubscribers.INCIDENT, update.incidentKey(), store.latestUpdateId(update.incidentKey()));
    }
  }
}
