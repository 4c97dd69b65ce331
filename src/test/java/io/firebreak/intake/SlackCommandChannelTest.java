package io.firebreak.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.ProcessTest;
import io.firebreak.incident.Incident;
import io.firebreak.incident.IncidentDeclaration;
import io.firebreak.incident.IncidentService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Slash commands find their incident by the Slack id of the channel that the Slack adapter stored
 * ({@code fb_incident.channel_id}), and replies link the channel as Slack does ({@code <#id>}).
 */
class SlackCommandChannelTest extends ProcessTest {

  @Autowired SlackCommands commands;
  @Autowired IncidentService incidentService;

  private static SlackCommands.Command command(String text, String channelName, String channelId) {
    return new SlackCommands.Command("/incident", text, "U1", "someone", channelName, channelId, null);
  }

  private String declare(String title) {
    Incident incident = incidentService.declare(new IncidentDeclaration(title, null, "checkout", "security",
        "SEV2", false, "support.sam", "api", null));
    runDueJobs(incident.key());
    return incident.key();
  }

  @Test
  void aCommandInAPrivateIncidentChannelFindsItsIncidentByChannelId() {
    String key = declare("Leaked API key");
    String name = incidents.find(key).orElseThrow().channelName();
    assertThat(name).isNotNull();
    // As the Slack adapter records it after conversations.create.
    incidents.updateChannel(key, name, "G0" + key.replace("-", ""));

    // Slack sends channel_name "privategroup" from some private channels; the id is always right.
    assertThat(commands.handle(command("status", "privategroup", "G0" + key.replace("-", ""))))
        .contains("*" + key + "*");
    // An id Firebreak does not know (a channel opened by hand with the same name): by name, as before.
    assertThat(commands.handle(command("status", name, "C0UNKNOWN"))).contains("*" + key + "*");
    assertThat(commands.handle(command("status", "privategroup", "C0UNKNOWN")))
        .contains("works in an incident channel");
  }

  @Test
  void repliesLinkTheChannelByIdWhenSlackOpenedIt() {
    String key = declare("Card data in logs");
    String name = incidents.find(key).orElseThrow().channelName();
    assertThat(SlackCommands.channelLink(incidents, key, name)).as("Slack not configured: no id").isEqualTo("#" + name);
    incidents.updateChannel(key, name, "C0ABCDEF1");
    assertThat(SlackCommands.channelLink(incidents, key, name)).isEqualTo("<#C0ABCDEF1>");
  }
}
