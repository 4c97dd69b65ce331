package io.firebreak.incident;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The incident types as the latest deployed version of the DMN {@code incident-types} lists them
 * (processes/incident-types.dmn, one row per type). Read on every call, so a version deployed from
 * Camunda Modeler counts from the next declaration or triage on, without a restart. The API, the
 * Slack command, alert intake, the Tasklist start form and triage all validate against it.
 */
@Service
public class IncidentTypes {

  public static final String DECISION = "incident-types";
  /** Longest type id the read model keeps ({@code fb_incident.incident_type}). */
  public static final int MAX_ID = 64;
  private static final Logger log = LoggerFactory.getLogger(IncidentTypes.class);

  /** One row of the table. */
  public record IncidentType(String id, String label, Set<String> aliases, boolean isDefault) {}

  /** The types deployed at one moment: look-ups for one declaration. */
  public record Known(List<IncidentType> types) {

    /** The type id for what someone sent: an id or an alias of one, in any case; empty when none matches. */
    public Optional<String> resolve(String given) {
      if (given == null || given.isBlank()) {
        return Optional.empty();
      }
      String g = given.strip().toLowerCase(Locale.ROOT);
      return types.stream().filter(t -> t.id().equals(g) || t.aliases().contains(g)).map(IncidentType::id).findFirst();
    }

    /** The type used when none is given (the row marked so); empty when the table marks none. */
    public Optional<String> defaultType() {
      return types.stream().filter(IncidentType::isDefault).map(IncidentType::id).findFirst();
    }

    /** The ids in the table's order. */
    public List<String> ids() {
      return types.stream().map(IncidentType::id).toList();
    }

    public Optional<IncidentType> find(String id) {
      return types.stream().filter(t -> t.id().equals(id)).findFirst();
    }
  }

  private final ProcessEngineConfigurationImpl engine;

  IncidentTypes(ProcessEngineConfiguration engine) {
    this.engine = (ProcessEngineConfigurationImpl) engine;
  }

  /**
   * Evaluates the latest {@code incident-types}. Without authorization checks: the list of types
   * is what every declarer may see, whatever their rights on decision definitions.
   */
  public Known deployed() {
    DmnDecisionResult result = engine.getCommandExecutorTxRequired().execute(context -> context.<DmnDecisionResult>runWithoutAuthorization(
        () -> engine.getDecisionService().evaluateDecisionByKey(DECISION).variables(Variables.createVariables())
            .evaluate()));
    List<IncidentType> types = new ArrayList<>();
    for (Map<String, Object> row : result.getResultList()) {
      String id = text(row.get("type"));
      if (id == null || id.length() > MAX_ID) {
        log.warn("incident-types: row without a type id or with one longer than {} characters ignored: {}", MAX_ID, row);
        continue;
      }
      String label = text(row.get("label"));
      Set<String> aliases = text(row.get("aliases")) == null ? Set.of()
          : Arrays.stream(text(row.get("aliases")).split(",")).map(String::strip).filter(a -> !a.isEmpty())
              .map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
      types.add(new IncidentType(id.toLowerCase(Locale.ROOT), label == null ? id : label, aliases,
          Boolean.TRUE.equals(row.get("isDefault"))));
    }
    return new Known(List.copyOf(types));
  }

  private static String text(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }
}
