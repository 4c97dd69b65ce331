package io.firebreak.comms;

/**
 * Published by {@code Task_OpenIncidentChannel} ({@link OpenIncidentChannel}) once the incident's
 * channel is recorded; listeners that act after the commit see it in the read model.
 */
public record ChannelOpened(String incidentKey, String channelName) {}
