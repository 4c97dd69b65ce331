package io.firebreak.oncall;

import io.firebreak.incident.IncidentTypes;
import io.firebreak.platform.FormRejection;
import java.util.Comparator;
import java.util.Locale;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.User;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/**
 * What a form may offer and what it must refuse: the people (Camunda's identity service, where the
 * catalog's people are provisioned) and the catalog's services and third parties. User tasks call
 * it from their inputs, e.g. {@code <camunda:inputParameter name="userOptions">${formOptions.users()}}
 * for a select whose {@code valuesKey} is {@code userOptions}, and from complete listeners, e.g.
 * {@code ${formOptions.requireUser(task, 'scribe', 'Scribe')}}, which refuses an id that is not a
 * user with a sentence naming the field (the select offers only users; a REST caller may send anything).
 *
 * <p>Used by {@code Task_TriageIncident} (incident-triage.bpmn: users, types, roles), {@code Task_ChoosePostmortemAuthor}
 * and {@code Task_WritePostmortem} (incident-postmortem.bpmn) and {@code Task_ContactThirdParty}
 * (incident-remediation.bpmn).
 */
@Component("formOptions")
public class FormOptions {

  private final IdentityService identity;
  private final CatalogStore catalog;
  private final IncidentTypes types;

  FormOptions(IdentityService identity, CatalogStore catalog, IncidentTypes types) {
    this.identity = identity;
    this.catalog = catalog;
    this.types = types;
  }

  /** The types deployed in the DMN {@code incident-types} now, labelled as there, in table order. */
  public SpinJsonNode incidentTypes() {
    SpinJsonNode options = Spin.JSON("[]");
    types.deployed().types().forEach(t -> options.append(option(t.label(), t.id())));
    return options;
  }

  /** Every user as {@code [{"label": "Ana Alves (ana.alves)", "value": "ana.alves"}, …]}, by name. */
  public SpinJsonNode users() {
    SpinJsonNode options = Spin.JSON("[]");
    identity.createUserQuery().list().stream()
        .sorted(Comparator.comparing(FormOptions::displayName, String.CASE_INSENSITIVE_ORDER))
        .forEach(u -> options.append(option(displayName(u) + " (" + u.getId() + ")", u.getId())));
    return options;
  }

  /** The catalog's services as {@code [{"label": "Payments API (payments-api)", "value": "payments-api"}, …]}. */
  public SpinJsonNode services() {
    SpinJsonNode options = Spin.JSON("[]");
    catalog.catalog().services().values().stream()
        .sorted(Comparator.comparing(Catalog.Service::id))
        .forEach(s -> options.append(option((s.name() == null ? s.id() : s.name()) + " (" + s.id() + ")", s.id())));
    return options;
  }

  /**
   * How to reach {@code thirdParty} according to the catalog entry of {@code service}, matched by name
   * ignoring case; otherwise a sentence saying the catalog does not list it, and which ones it does.
   */
  public String thirdPartyContact(String service, String thirdParty) {
    var entry = catalog.catalog().service(service);
    if (entry.isEmpty()) {
      return "The service catalog has no entry for " + (service == null || service.isBlank() ? "this incident's service"
          : "'" + service + "'") + "; find the third party's support channel yourself.";
    }
    var parties = entry.get().thirdParties();
    String wanted = thirdParty == null ? "" : thirdParty.strip().toLowerCase(Locale.ROOT);
    for (Catalog.ThirdParty party : parties) {
      if (!wanted.isEmpty() && party.name().toLowerCase(Locale.ROOT).startsWith(wanted)) {
        return party.name() + ": " + party.contact();
      }
    }
    if (parties.isEmpty()) {
      return "The catalog lists no third parties for " + service + ".";
    }
    StringBuilder known = new StringBuilder("The catalog lists for " + service + ": ");
    for (int i = 0; i < parties.size(); i++) {
      known.append(i == 0 ? "" : "; ").append(parties.get(i).name()).append(" (").append(parties.get(i).contact()).append(')');
    }
    return known.append('.').toString();
  }

  /**
   * Refuses the task's completion when {@code variable} holds something that is not a user id; an
   * empty value is accepted (whether a field is required is the form's decision).
   */
  public void requireUser(DelegateTask task, String variable, String label) {
    Object value = task.getVariable(variable);
    String id = value == null ? "" : value.toString().strip();
    if (!id.isEmpty() && identity.createUserQuery().userId(id).count() == 0) {
      throw new FormRejection(label, label + ": '" + id + "' is not a Firebreak user; choose someone from the list.");
    }
  }

  private static String displayName(User u) {
    String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " "
        + (u.getLastName() == null ? "" : u.getLastName())).strip();
    return name.isEmpty() ? u.getId() : name;
  }

  private static SpinJsonNode option(String label, String value) {
    return Spin.JSON("{}").prop("label", label).prop("value", value);
  }
}
