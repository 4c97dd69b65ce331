package io.firebreak.postmortem;

import io.firebreak.incident.Incidents;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Renders the postmortem document into {@code postmortemMarkdown} (cut to fit a variable) and its
 * address into {@code postmortemUrl}, for the author's and the reviewer's forms. The author's
 * sections come from this execution, since they were entered in this very transaction.
 *
 * <p>Used by {@code Task_PrefillPostmortem} and {@code Task_RenderPostmortem} in
 * {@code incident-postmortem.bpmn}.
 */
@Component("renderPostmortem")
class RenderPostmortem implements JavaDelegate {

  private final PostmortemDocument document;

  RenderPostmortem(PostmortemDocument document) {
    this.document = document;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String key = Incidents.keyOf(execution);
    // The document is the incident's whole history, whoever completed the task: the author may
    // not be allowed to read every phase's history, and the document must not depend on that.
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    Authentication user = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    String markdown;
    try {
      markdown = document.render(key, execution.getVariables());
    } finally {
      if (user != null) {
        identity.setAuthentication(user);
      }
    }
    PostmortemProcess.MARKDOWN.set(execution, document.forVariable(markdown, key));
    PostmortemProcess.URL.set(execution, document.url(key));
  }
}
