package io.firebreak.statuspage;

/** The public status page. Called from its own async step. */
public interface StatusPagePort {

  /**
   * @param status where the incident stands for customers (investigating, identified, monitoring, resolved)
   * @param text what customers read, already rendered
   */
  void publish(String incidentKey, String status, String text);
}
