package io.firebreak.statuspage;

/**
 * The public status page. Called from its own async step ({@code Task_UpdateStatusPage}). The
 * built-in page ({@link BuiltInStatusPage}, {@code /status}) is the default adapter; another
 * product (e.g. Atlassian Statuspage) plugs in as a bean of this type (docs/communications.md).
 */
public interface StatusPagePort {

  void publish(StatusPageUpdate update);
}
