package io.firebreak.statuspage;

import java.util.List;

/**
 * One update for customers, every part approved by the person who completed the task.
 *
 * @param incidentKey which incident (never shown publicly)
 * @param status Statuspage incident status: investigating, identified, monitoring, resolved, postmortem
 * @param text what customers read, already rendered
 * @param title the incident's public name
 * @param components affected status-page components (public names)
 * @param componentStatus degraded_performance, partial_outage or major_outage while unresolved
 */
public record StatusPageUpdate(
    String incidentKey, String status, String text, String title, List<String> components, String componentStatus) {}
