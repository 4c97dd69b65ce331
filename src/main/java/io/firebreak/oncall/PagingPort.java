package io.firebreak.oncall;

/** Pages a person or group about an incident. Called from its own async step. */
public interface PagingPort {

  /**
   * @param target a Camunda user or group id
   * @param subject the page's subject (email), already rendered (template {@code page.subject})
   * @param text the page, already rendered (template {@code page.text})
   */
  void page(String incidentKey, String target, String subject, String text);
}
