package io.firebreak.oncall;

import static io.firebreak.incident.IncidentTimeline.facts;

import io.firebreak.comms.ChatPort;
import io.firebreak.comms.Deliveries;
import io.firebreak.comms.MailPort;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.incident.IncidentTimeline;
import io.firebreak.incident.TimelineKind;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.web.util.HtmlUtils;

/**
 * Pages people where they are: a Slack direct message and an email to the paged Camunda user, or
 * to every member of the paged Camunda group, with the subject and text rendered by the caller from
 * the page templates. Each message to each person is its own delivery, so
 * a retried page reaches only those it did not reach before. Used when Slack or SMTP is configured;
 * the one that is not says so in the timeline (its "not configured" adapter).
 */
class DirectPaging implements PagingPort {

  private final ChatPort chat;
  private final MailPort mail;
  private final IdentityService identity;
  private final IncidentTimeline timeline;
  private final Deliveries deliveries;

  DirectPaging(ChatPort chat, MailPort mail, IdentityService identity, IncidentTimeline timeline,
      Deliveries deliveries) {
    this.chat = chat;
    this.mail = mail;
    this.identity = identity;
    this.timeline = timeline;
    this.deliveries = deliveries;
  }

  @Override
  public void page(String incidentKey, String target, String subject, String text) {
    List<User> people = people(target);
    List<String> unreachable = new ArrayList<>();
    List<String> notInSlack = new ArrayList<>();
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
      timeline.add(incidentKey, TimelineKind.SKIPPED, "paging", "nobody-to-page", facts("target", target));
    }
    if (!unreachable.isEmpty()) {
      timeline.add(incidentKey, TimelineKind.SKIPPED, "paging", "not-paged-no-email", facts("people", String.join(", ", unreachable)));
    }
    if (!notInSlack.isEmpty()) {
      timeline.add(incidentKey, TimelineKind.SKIPPED, "paging", "no-page-dm", facts("people", String.join(", ", notInSlack)));
    }
  }

  private List<User> people(String target) {
    User user = identity.createUserQuery().userId(target).singleResult();
    if (user != null) {
      return List.of(user);
    }
    return identity.createUserQuery().memberOfGroup(target).orderByUserId().asc().list();
  }
}
