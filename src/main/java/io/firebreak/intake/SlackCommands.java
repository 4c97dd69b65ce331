package io.firebreak.intake;

import io.firebreak.comms.MessageTemplates.Format;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentAction;
import io.firebreak.incident.IncidentDeclaration.InvalidDeclarationException;
import io.firebreak.incident.IncidentDeclaration;
import io.firebreak.incident.IncidentPermissions.ForbiddenException;
import io.firebreak.incident.IncidentPermissions;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.incident.IncidentService.IncidentConflictException;
import io.firebreak.incident.IncidentService;
import io.firebreak.incident.IncidentTypes;
import io.firebreak.incident.TimelineKind;
import io.firebreak.platform.FirebreakProperties;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code /incident} subcommands. {@code declare} works from any channel (customer support uses
 * it); the others act on the incident whose channel they are typed in ({@code fb_incident.channel_name}).
 * Every command on an incident is recorded on its timeline. {@code declare} and the changing
 * commands need the Firebreak (Camunda) user with the Slack user name, allowed as Camunda decides
 * ({@link IncidentPermissions}): declaring by the authorization to start {@code incident}; {@code ack},
 * {@code update}, {@code sev}, {@code ic} and {@code resolve} by the open task they stand for and
 * the people the incident model names for them.
 */
@Service
class SlackCommands {

  /** A slash command as Slack sent it (fields already length-limited). */
  record Command(String command, String text, String userId, String userName, String channelName,
      String channelId, String responseUrl) {}

  /** The one slash command; Slack sends its name in every request, and any other is refused. */
  static final String COMMAND = "/incident";

  static final String HELP = String.join("\n",
      "*/incident* commands:",
      "• `/incident declare <title> [type:<type>] [sev1..sev5]` — declare an incident (from any channel)",
      "In an incident channel:",
      "• `/incident status` — where the incident stands",
      "• `/incident ack` — acknowledge the page",
      "• `/incident sev <1-5>` — change the severity",
      "• `/incident update <text>` — post a status update",
      "• `/incident ic @user` — make someone the incident commander",
      "• `/incident resolve [summary]` — confirm resolution",
      "• `/incident help` — this help");

  private static final Pattern SEVERITY = Pattern.compile("(?i)^sev([1-5])$");
  /** {@code type:security}: one of the types deployed in incident-types (checked when declaring). */
  private static final Pattern TYPE = Pattern.compile("(?i)^type:(\\S+)$");
  /** The argument of {@code sev}: {@code 2} or {@code sev2}. */
  private static final Pattern SEVERITY_ARGUMENT = Pattern.compile("(?i)^(?:sev)?([1-5])$");
  /** {@code <@U123|jane>} (escaped by Slack), {@code @jane}, or {@code jane}. */
  private static final Pattern USER = Pattern.compile("^(?:<@[A-Z0-9]+\\|([^>]+)>|<@([A-Z0-9]+)>|@?([A-Za-z0-9][A-Za-z0-9._-]*))$");

  private final IncidentService incidentService;
  private final IncidentRepository incidents;
  private final IdentityService identity;
  private final IncidentPermissions permissions;
  private final TransactionTemplate tx;
  private final String broadcastChannel;
  private final SlackFollowUps followUps;
  private final java.time.Duration retryFor;
  private final IncidentTypes types;

  SlackCommands(IncidentService incidentService, IncidentRepository incidents, IdentityService identity,
      PlatformTransactionManager transactionManager, FirebreakProperties properties, SlackFollowUps followUps,
      IntakeProperties limits, IncidentPermissions permissions, IncidentTypes types) {
    this.permissions = permissions;
    this.types = types;
    this.followUps = followUps;
    this.retryFor = limits.retryFor();
    this.incidentService = incidentService;
    this.incidents = incidents;
    this.identity = identity;
    this.tx = new TransactionTemplate(transactionManager);
    this.broadcastChannel = properties.slack().broadcastChannel();
  }

  /** Runs the command and returns the ephemeral reply. */
  String handle(Command c) {
    if (!COMMAND.equals(c.command().strip())) {
      // A Slack app that sends Firebreak another command is misconfigured; nothing is done or recorded.
      return "Firebreak answers only `" + COMMAND + "`, not `" + slack(c.command()) + "`: point that command elsewhere.";
    }
    String[] parts = c.text().split("\\s+", 2);
    String sub = parts[0].toLowerCase(Locale.ROOT);
    String rest = parts.length > 1 ? parts[1].strip() : "";
    if (sub.isEmpty() || sub.equals("help")) {
      return HELP;
    }
    if (sub.equals("declare")) {
      return declare(c, rest);
    }
    Optional<Incident> here = incidents.findByChannel(c.channelId(), c.channelName());
    if (here.isEmpty()) {
      return List.of("status", "ack", "sev", "update", "ic", "resolve").contains(sub)
          ? "`/incident " + sub + "` works in an incident channel; #" + c.channelName() + " is not one. "
              + "Use `/incident declare <title>` to declare an incident."
          : "Unknown command `" + slack(sub) + "`.\n" + HELP;
    }
    Incident incident = here.get();
    String key = incident.key();
    try {
      // One transaction per command, retried when a job moved the incident meanwhile (optimistic
      // locking): all of the command happens, with its timeline entry, or none of it.
      return Retrying.run(retryFor, () -> tx.execute(status -> {
        String reply = run(sub, rest, c, incident);
        incidents.addTimeline(key, TimelineKind.SLACK_COMMAND, c.userName(), command(c));
        return reply;
      }));
    } catch (NotAllowed e) {
      incidents.addTimeline(key, TimelineKind.SLACK_COMMAND, c.userName(), command(c) + " (refused: " + e.getMessage() + ")");
      return slack(e.getMessage());
    } catch (IncidentConflictException e) {
      incidents.addTimeline(key, TimelineKind.SLACK_COMMAND, c.userName(), command(c) + " (not possible: " + e.getMessage() + ")");
      return "Not possible: " + slack(e.getMessage());
    }
  }

  private String run(String sub, String rest, Command c, Incident incident) {
    String key = incident.key();
    return switch (sub) {
      case "status" -> status(incident);
      case "ack" -> {
        require(IncidentAction.ACK, c, incident);
        incidentService.acknowledgePage(key, c.userName(), "slack");
        yield "Page of " + key + " acknowledged by " + c.userName() + ".";
      }
      case "sev" -> {
        Matcher m = SEVERITY_ARGUMENT.matcher(rest);
        if (!m.matches()) {
          yield "Usage: `/incident sev <1-5>`";
        }
        require(IncidentAction.SEVERITY, c, incident);
        Incident changed = incidentService.changeSeverity(key, "SEV" + m.group(1), "changed in Slack by " + c.userName(),
            c.userName());
        yield key + " is now " + changed.severity() + "; the change is being announced.";
      }
      case "update" -> {
        if (rest.isEmpty()) {
          yield "Usage: `/incident update <text>`";
        }
        if (rest.length() > IncidentDeclaration.MAX_DESCRIPTION) {
          yield "An update can be at most " + IncidentDeclaration.MAX_DESCRIPTION + " characters.";
        }
        require(IncidentAction.UPDATE, c, incident);
        incidentService.postStatusUpdate(key, rest, c.userName());
        yield "Status update for " + key + " is being posted to " + channelLink(incidents, key, incident.channelName())
            + " and by email.";
      }
      case "ic" -> {
        Matcher m = USER.matcher(rest);
        if (!m.matches()) {
          yield "Usage: `/incident ic @user`";
        }
        String user = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        require(IncidentAction.IC, c, incident);
        if (identity.createUserQuery().userId(user).count() == 0) {
          yield slack(user) + " is not a Firebreak user; the IC must be able to work the incident's tasks.";
        }
        incidentService.assignIncidentCommander(key, user, c.userName());
        yield user + " is now the incident commander of " + key + ".";
      }
      case "resolve" -> {
        require(IncidentAction.RESOLVE, c, incident);
        String summary = rest.isEmpty() ? "Resolved in Slack by " + c.userName() : rest;
        if (summary.length() > IncidentDeclaration.MAX_DESCRIPTION) {
          yield "A resolution summary can be at most " + IncidentDeclaration.MAX_DESCRIPTION + " characters.";
        }
        String task = incidentService.resolve(key, summary, c.userName());
        // The task's name carries the incident ("Confirm resolution INC-7 · SEV1 · …"): the reply names it once.
        int about = task.indexOf(" " + key);
        yield key + ": " + slack(about > 0 ? task.substring(0, about) : task) + " done; the resolution is being announced.";
      }
      default -> "Unknown command `" + slack(sub) + "`.\n" + HELP;
    };
  }

  /**
   * The incident channel as Slack shows a link to it: {@code <#C0123>} when Slack opened it (its id
   * is in {@code fb_incident.channel_id}; works for private channels and after a rename), else
   * {@code #name}.
   */
  static String channelLink(IncidentRepository incidents, String key, String channelName) {
    return incidents.channelId(key).map(id -> "<#" + id + ">").orElse("#" + channelName);
  }

  private String declare(Command c, String rest) {
    String severity = IncidentDeclaration.UNKNOWN_SEVERITY;
    String type = null;
    String title = rest;
    // Trailing options, in either order: sevN and type:<type>.
    for (int i = 0; i < 2 && !title.isEmpty(); i++) {
      String[] words = title.split("\\s+");
      String last = words[words.length - 1];
      Matcher sev = SEVERITY.matcher(last);
      Matcher ty = TYPE.matcher(last);
      if (sev.matches()) {
        severity = "SEV" + sev.group(1);
      } else if (ty.matches()) {
        type = ty.group(1);
      } else {
        break;
      }
      title = title.substring(0, title.length() - last.length()).strip();
    }
    if (title.isEmpty()) {
      return "Usage: `/incident declare <title> [type:<type>] [sev1..sev5]`, e.g. "
          + "`/incident declare Checkout fails for EU customers type:outage sev2`";
    }
    IncidentDeclaration declaration = new IncidentDeclaration(title,
        "Declared in Slack by @" + c.userName() + " in #" + c.channelName(), null, type, severity, false,
        c.userName(), "slack", null);
    try {
      declaration = declaration.validated(types.deployed());
    } catch (InvalidDeclarationException e) {
      return "Not declared: " + slack(e.errors().stream().map(Object::toString)
          .collect(java.util.stream.Collectors.joining("; ")));
    }
    if (!permissions.isUser(c.userName())) {
      return "Not declared: only Firebreak users can declare incidents; " + slack(c.userName()) + " is not one.";
    }
    try {
      permissions.requireDeclare(c.userName(), permissions.groupsOf(c.userName()));
    } catch (ForbiddenException e) {
      return "Not declared: " + slack(e.getMessage());
    }
    IncidentDeclaration valid = declaration;
    Incident incident = Retrying.run(retryFor, () -> tx.execute(status -> {
      Incident declared = incidentService.declare(valid);
      incidents.addTimeline(declared.key(), TimelineKind.SLACK_COMMAND, c.userName(), command(c));
      return declared;
    }));
    StringBuilder reply = new StringBuilder("Declared *").append(incident.key()).append("* (")
        .append(incident.severity()).append("): ").append(slack(incident.title())).append('.');
    if (incident.channelName() != null) {
      reply.append(" Channel: ").append(channelLink(incidents, incident.key(), incident.channelName()));
    } else if (Boolean.TRUE.equals(incident.fullResponse())) {
      reply.append(" Its channel is being opened; you will be told here, and it is announced in #")
          .append(broadcastChannel).append('.');
      followUps.channelWhenOpen(incident.key(), c.responseUrl());
    } else {
      reply.append(" Minor incident: responders handle it in Tasklist, no channel.");
    }
    return reply.toString();
  }

  private static String status(Incident i) {
    return "*" + i.key() + "* " + slack(i.title()) + "\nSeverity: " + i.severity() + " · State: "
        + i.state().name().toLowerCase(Locale.ROOT) + " · Phase: " + i.phase().label()
        + "\nIC: " + (i.roles().incidentCommander() == null ? "not assigned yet" : slack(i.roles().incidentCommander()))
        + (i.service() == null ? "" : " · Service: " + slack(i.service()));
  }

  /** Text people typed (titles, names, what they sent), escaped so Slack shows it and does not read it as markup. */
  private static String slack(String text) {
    return Format.SLACK.escape(text);
  }

  private static String command(Command c) {
    return c.command() + " " + c.text() + " (in #" + c.channelName() + ")";
  }

  /** The Slack user is the Firebreak user of that name and may take the action (Camunda decides). */
  private void require(IncidentAction action, Command c, Incident incident) {
    if (!permissions.isUser(c.userName())) {
      throw new NotAllowed("only Firebreak users can do that; " + c.userName() + " is not one");
    }
    try {
      permissions.require(action, incident, c.userName(), permissions.groupsOf(c.userName()));
    } catch (ForbiddenException e) {
      throw new NotAllowed(e.getMessage());
    }
  }

  /** The Slack user may not run this command. */
  static class NotAllowed extends RuntimeException {
    NotAllowed(String message) {
      super(message);
    }
  }
}
