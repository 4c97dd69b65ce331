package io.firebreak.statuspage;

import io.firebreak.comms.Deliveries;
import io.firebreak.comms.MailPort;
import io.firebreak.comms.MessageTemplates;
import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.platform.FirebreakProperties;
import io.firebreak.platform.Var;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Emails one public update to the status page's subscribers, one email per address (each with its
 * own unsubscribe link and RFC 8058 {@code List-Unsubscribe} headers). Reads the update as the page
 * stores it, so nothing but what a person approved for customers is in it. Input (element template
 * "Email status subscribers"): {@code template} (default {@code status-subscriber-update}). A
 * retried step sends each address the update once: the marker is per update and address, not per
 * attempt.
 *
 * <p>Used by {@code Task_EmailSubscribers} in {@code status-subscribers.bpmn}.
 */
@Component("emailStatusSubscribers")
class EmailStatusSubscribers implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(EmailStatusSubscribers.class);
  static final Var<String> TEMPLATE = Var.string("template");
  static final Var<String> KIND = Var.string(StatusSubscribers.KIND);
  static final Var<String> UPDATE_ID = Var.string(StatusSubscribers.UPDATE_ID);
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final PublicStatusStore incidents;
  private final MaintenanceStore maintenances;
  private final StatusSubscribers subscribers;
  private final UnsubscribeTokens tokens;
  private final MailPort mail;
  private final MessageTemplates templates;
  private final Deliveries deliveries;
  private final StatusPageProperties page;
  private final FirebreakProperties firebreak;

  EmailStatusSubscribers(PublicStatusStore incidents, MaintenanceStore maintenances, StatusSubscribers subscribers,
      UnsubscribeTokens tokens, MailPort mail, MessageTemplates templates, Deliveries deliveries,
      StatusPageProperties page, FirebreakProperties firebreak) {
    this.incidents = incidents;
    this.maintenances = maintenances;
    this.subscribers = subscribers;
    this.tokens = tokens;
    this.mail = mail;
    this.templates = templates;
    this.deliveries = deliveries;
    this.page = page;
    this.firebreak = firebreak;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    String kind = KIND.require(execution);
    String updateId = UPDATE_ID.require(execution);
    String template = TEMPLATE.getOr(execution, "status-subscriber-update");
    boolean maintenance = StatusSubscribers.MAINTENANCE.equals(kind);
    Optional<SubscriberUpdate> found = maintenance
        ? maintenances.subscriberUpdate(updateId) : incidents.subscriberUpdate(updateId);
    if (found.isEmpty()) {
      log.warn("{}: public update {} is no longer on the page; nobody emailed", key, updateId);
      return;
    }
    SubscriberUpdate update = found.get();
    String pageUrl = page.publicUrl(firebreak.baseUrl());
    List<StatusSubscribers.Recipient> recipients = subscribers.recipients(update.components());
    for (StatusSubscribers.Recipient recipient : recipients) {
      String token = tokens.sign(new UnsubscribeTokens.Subscription(recipient.address(), recipient.lists()));
      String unsubscribeUrl = pageUrl + "/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
      Map<String, Object> model = model(update, recipient, pageUrl, unsubscribeUrl);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
      headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      // Bulk mail: auto-responders (out of office) do not answer it.
      headers.put("Auto-Submitted", "auto-generated");
      headers.put("Precedence", "bulk");
      MailPort.Mail email = new MailPort.Mail(List.of(recipient.address()),
          templates.render(template, Format.SUBJECT, model), templates.render(template, Format.TEXT, model),
          templates.render(template, Format.HTML, model), headers);
      // Per update and address, across attempts and steps: a retry resumes with whoever is left.
      deliveries.once(key, "status-update:" + kind + ":" + updateId,
          "subscriber:" + SubscriberStore.normalise(recipient.address()), () -> mail.send(key, email));
    }
    log.info("{}: public update {} for {} subscriber(s)", key, updateId, recipients.size());
  }

  private Map<String, Object> model(SubscriberUpdate u, StatusSubscribers.Recipient recipient, String pageUrl,
      String unsubscribeUrl) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pageName", page.name());
    m.put("pageUrl", pageUrl);
    m.put("title", u.title());
    m.put("status", u.status());
    m.put("statusLabel", PublicStatus.label(u.status()));
    m.put("body", u.body());
    m.put("maintenance", u.maintenance());
    m.put("components", String.join(", ", u.components()));
    m.put("hasComponents", !u.components().isEmpty());
    m.put("windowStart", shown(u.scheduledFor()));
    m.put("windowEnd", shown(u.scheduledUntil()));
    m.put("allUpdates", recipient.lists().contains(StatusSubscribers.ALL));
    List<String> componentLists = recipient.lists().stream().filter(l -> !l.equals(StatusSubscribers.ALL)).toList();
    m.put("componentLists", String.join(", ", componentLists));
    m.put("hasComponentLists", !componentLists.isEmpty());
    m.put("unsubscribeUrl", unsubscribeUrl);
    return m;
  }

  private static String shown(Instant at) {
    return at == null ? null : SHOWN.format(at);
  }
}
