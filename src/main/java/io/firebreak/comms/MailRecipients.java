package io.firebreak.comms;

import io.firebreak.platform.FirebreakProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * The recipient resolver of the email steps: the addresses that a step's {@code recipients} stand
 * for, from {@code firebreak.mail.to}, Camunda users and Camunda groups. People without an address
 * are left out; the step notes when nobody is left ({@link IncidentMails#send}).
 */
@Component
public class MailRecipients {

  /** The entry for the distribution list {@code firebreak.mail.to}. */
  public static final String DISTRIBUTION = "distribution";

  private final FirebreakProperties properties;

  MailRecipients(FirebreakProperties properties) {
    this.properties = properties;
  }

  /**
   * The addresses of a comma-separated list of entries, each once, in the order written:
   * {@code distribution}, a name of {@code users} (e.g. {@code owner} → the user id the step knows,
   * {@code null} for nobody), else a Camunda group id.
   */
  public List<String> resolve(DelegateExecution execution, String recipients, Map<String, String> users) {
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    List<String> to = new ArrayList<>();
    for (String entry : recipients.split(",")) {
      String who = entry.strip();
      List<String> found = who.isEmpty() ? List.of()
          : DISTRIBUTION.equals(who) ? distribution()
          : users.containsKey(who) ? user(identity, users.get(who))
          : group(identity, who);
      found.stream().filter(a -> !to.contains(a)).forEach(to::add);
    }
    return to;
  }

  /** The distribution list, {@code firebreak.mail.to}. */
  public List<String> distribution() {
    return properties.mail().to().stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The address of a Camunda user: none when there is no such user (or {@code userId} is null) or no address. */
  public static List<String> user(IdentityService identity, String userId) {
    if (userId == null) {
      return List.of();
    }
    User user = identity.createUserQuery().userId(userId).singleResult();
    return user == null || user.getEmail() == null || user.getEmail().isBlank() ? List.of() : List.of(user.getEmail());
  }

  /** The addresses of the members of a Camunda group (members without one are left out). */
  public static List<String> group(IdentityService identity, String groupId) {
    List<String> addresses = new ArrayList<>();
    for (User user : identity.createUserQuery().memberOfGroup(groupId).list()) {
      if (user.getEmail() != null && !user.getEmail().isBlank()) {
        addresses.add(user.getEmail());
      }
    }
    return addresses;
  }
}
