package io.firebreak.oncall;

import io.firebreak.comms.ChatPort;
import io.firebreak.comms.Deliveries;
import io.firebreak.comms.MailPort;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentRepository;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.web.util.HtmlUtils;

/**
 * Pages people where they are: a Slack direct message and an email to the paged Camunda user, or
 * to every member of the paged Camunda group. Each message to each person is its own delivery, so
 * a retried page reaches only those it did not reach before. Used when Slack or SMTP is configured;
 * the one that is not says so in the timeline (its "not configured" adapter).
 */
class DirectPaging implements PagingPort {

  private final ChatPort chat;
  private final MailPort mail;
  private final IdentityService identity;
  private final IncidentRepository incidents;
  private final Deliveries deliveries;

  DirectPaging(ChatPort chat, MailPort mail, IdentityService identity, IncidentRepository incidents,
      Deliveries deliveries) {
    this.chat = chat;
    this.mail = mail;
    this.identity = identity;
    this.incidents = incidents;
    this.deliveries = deliveries;
  }

  @Override
  public void page(String incidentKey, String target, String text) {
    List<User> people = people(target);
    List<String> unreachable = new ArrayList<>();
    List<String> notInSlack = new ArrayList<>();
    String subject = subject(incidentKey, text);
    // The page is plain text; in Slack, <!channel> and friends in a title must stay text.
    String slackText = Format.SLACK.escape(text);
    for (User person : people) {
      String email = person.getEmail();
      if (email == null || email.isBlank()) {
        unreachable.add(person.getId());
        continue;
      }
      String dm = deliveries.part(incidentKey, "dm:" + person.getId(),
          () -> chat.directMessage(incidentKey, email.strip(), slackText));
      if (dm == null) {
        notInSlack.add(person.getId());
      }
      deliveries.part(incidentKey, "mail:" + person.getId(), () -> mail.send(incidentKey,
          new MailPort.Mail(List.of(email.strip()), subject, text, "<p>" + HtmlUtils.htmlEscape(text) + "</p>")));
    }
    if (people.isEmpty()) {
      incidents.addTimeline(incidentKey, "SKIPPED", "paging", "Nobody to page: " + target + " is no Firebreak user or group with members");
    }
    if (!unreachable.isEmpty()) {
      incidents.addTimeline(incidentKey, "SKIPPED", "paging",
          "Not paged (no email address in Firebreak): " + String.join(", ", unreachable));
    }
    if (!notInSlack.isEmpty()) {
      incidents.addTimeline(incidentKey, "SKIPPED", "paging",
          "No Slack direct message (no Slack user with their address, or Slack not configured): "
              + String.join(", ", notInSlack));
    }
  }

  private List<User> people(String target) {
    User user = identity.createUserQuery().userId(target).singleResult();
    if (user != null) {
      return List.of(user);
    }
    return identity.createUserQuery().memberOfGroup(target).orderByUserId().asc().list();
  }

  /**
   * {@code [INC-7][SEV1] Page: <incident title>}; the page's own first line when the incident is not
   * in the read model (it always is once declared).
   */
  private String subject(String incidentKey, String text) {
    Incident incident = incidents.find(incidentKey).orElse(null);
    String about = incident != null ? incident.title() : text.strip().lines().findFirst().orElse("");
    if (about.length() > 150) {
      about = about.substring(0, 149) + "…";
    }
    String severity = incident == null ? null : incident.severity();
    return "[" + incidentKey + "]" + (severity == null ? "" : "[" + severity + "]") + " Page: " + about;
  }
}
