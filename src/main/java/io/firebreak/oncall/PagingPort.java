package io.firebreak.oncall;

/** Pages a person or group about an incident. Called from its own async step. */
public interface PagingPort {

  /**
   * @param target a Camunda user or group id
   * @param text the page, already rendered
   */
  void page(String incidentKey, String target, String text);
}
