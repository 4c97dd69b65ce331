package io.firebreak.web;

import static io.firebreak.platform.FirebreakGroups.COMMUNICATIONS;
import static io.firebreak.platform.FirebreakGroups.INCIDENT_COMMANDERS;
import static io.firebreak.platform.FirebreakGroups.LEADERSHIP;
import static io.firebreak.platform.FirebreakGroups.LEGAL;
import static io.firebreak.platform.FirebreakGroups.RESPONDERS;
import static io.firebreak.platform.FirebreakGroups.SUPPORT;

import io.firebreak.incident.IncidentProcess;
import io.firebreak.incident.IncidentVariables;
import io.firebreak.postmortem.ActionItemProcess;
import io.firebreak.postmortem.PostmortemProcess;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Tasklist's shared filters, created <em>once</em> on the first start against a database (engine
 * property {@value #SEEDED_PROPERTY}, like the default authorizations): from then on they belong to
 * whoever may edit filters in Tasklist (owner {@code admin}, {@code camunda-admin}), and an edited or
 * deleted filter stays so across restarts. Each filter is readable by the groups it is for
 * (a {@code READ} grant on the filter), shows the variables that say what a task is about
 * (incident, severity, title, service) and lists what is due first.
 */
@Component
class TasklistFilters implements SmartInitializingSingleton {

  /** Engine property (ACT_GE_PROPERTY) holding the version of the filters seeded. */
  static final String SEEDED_PROPERTY = "firebreak.filters.seeded";
  /** Raise when a release adds filters: missing ones (by name) are created once more. */
  static final int SEED_VERSION = 1;
  static final String OWNER = "admin";
  private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

  private static final List<String> EVERYONE = List.of(SUPPORT, RESPONDERS, INCIDENT_COMMANDERS, COMMUNICATIONS,
      LEADERSHIP, LEGAL);
  private static final List<String> RESPONSE = List.of(RESPONDERS, INCIDENT_COMMANDERS, COMMUNICATIONS, LEADERSHIP);

  /** What a filter shows, for whom. */
  record Seeded(String name, int priority, String description, List<String> readers, UnaryOperator<TaskQuery> query) {}

  static final List<Seeded> FILTERS = List.of(
      new Seeded("My incident tasks", -20, "Incident tasks assigned to me, what is due first", EVERYONE,
          q -> q.taskAssigneeExpression("${currentUser()}").processInstanceBusinessKeyLike("INC-%")),
      new Seeded("Unassigned SEV1–2", -15, "SEV1 and SEV2 tasks of my groups that nobody has taken yet", RESPONSE,
          q -> q.taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()
              .or().processVariableValueEquals(IncidentVariables.SEVERITY.name(), "SEV1")
              .processVariableValueEquals(IncidentVariables.SEVERITY.name(), "SEV2").endOr()),
      new Seeded("Communications due", -12, "Status updates and customer statements, next due first",
          List.of(COMMUNICATIONS, INCIDENT_COMMANDERS, LEADERSHIP),
          q -> q.taskDefinitionKeyIn(IncidentProcess.Elements.POST_STATUS_UPDATE,
              IncidentProcess.Elements.PUBLISH_CUSTOMER_STATEMENT)),
      new Seeded("Postmortems and action items", -8, "Choosing authors, writing and reviewing postmortems, action items",
          RESPONSE, q -> q.taskDefinitionKeyIn(PostmortemProcess.Elements.CHOOSE_AUTHOR,
              PostmortemProcess.Elements.WRITE_POSTMORTEM, PostmortemProcess.Elements.REVIEW_POSTMORTEM,
              ActionItemProcess.Elements.COMPLETE_ACTION_ITEM)),
      new Seeded("Leadership", -6, "Escalated incidents, postmortem reviews and the regular incident review",
          List.of(LEADERSHIP), q -> q.taskCandidateGroup(LEADERSHIP).includeAssignedTasks()),
      new Seeded("My tasks", -10, "Tasks assigned to me", EVERYONE,
          q -> q.taskAssigneeExpression("${currentUser()}")),
      new Seeded("My groups' tasks", -5, "Tasks for any of my groups, claimed or not", EVERYONE,
          q -> q.taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()),
      new Seeded("All incident tasks", 0, "Every open task of every incident", EVERYONE,
          q -> q.processInstanceBusinessKeyLike("INC-%")));

  /** The columns Tasklist shows on every card of these filters. */
  static final List<Map<String, String>> VARIABLES = List.of(
      Map.of("name", IncidentVariables.INCIDENT_KEY.name(), "label", "Incident"),
      Map.of("name", IncidentVariables.SEVERITY.name(), "label", "Severity"),
      Map.of("name", IncidentVariables.TITLE.name(), "label", "Title"),
      Map.of("name", IncidentVariables.SERVICE.name(), "label", "Service"));

  private final FilterService filters;
  private final TaskService tasks;
  private final AuthorizationService authorizations;
  private final ManagementService management;

  TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations,
      ManagementService management) {
    this.filters = filters;
    this.tasks = tasks;
    this.authorizations = authorizations;
    this.management = management;
  }

  @Override
  public void afterSingletonsInstantiated() {
    String seeded = management.getProperties().get(SEEDED_PROPERTY);
    if (seeded != null && seeded.matches("\\d+") && Integer.parseInt(seeded) >= SEED_VERSION) {
      return;
    }
    for (Seeded f : FILTERS) {
      // A filter of that name already there (an earlier release created it) is left as it is.
      if (filters.createFilterQuery().filterName(f.name()).count() == 0) {
        create(f);
      }
    }
    management.setProperty(SEEDED_PROPERTY, Integer.toString(SEED_VERSION));
    log.info("Created Firebreak's shared Tasklist filters (version {}); from now on they are edited in Tasklist",
        SEED_VERSION);
  }

  private void create(Seeded f) {
    TaskQuery query = f.query().apply(tasks.createTaskQuery()).orderByDueDate().asc();
    Filter filter = filters.newTaskFilter(f.name())
        .setOwner(OWNER)
        .setQuery(query)
        .setProperties(Map.of(
            "priority", f.priority(),
            "description", f.description(),
            "refresh", true,
            "variables", VARIABLES));
    filters.saveFilter(filter);
    for (String group : f.readers()) {
      Authorization read = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      read.setGroupId(group);
      read.setResource(Resources.FILTER);
      read.setResourceId(filter.getId());
      read.addPermission(Permissions.READ);
      authorizations.saveAuthorization(read);
    }
  }
}
