package io.firebreak;

import io.firebreak.comms.RecordingChat;
import io.firebreak.comms.RecordingMail;
import io.firebreak.oncall.RecordingPaging;
import io.firebreak.statuspage.RecordingStatusPage;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Recording test doubles in place of the outside world, for process tests. */
@TestConfiguration(proxyBeanMethods = false)
public class TestPorts {

  @Bean
  @Primary
  RecordingChat recordingChat() {
    return new RecordingChat();
  }

  @Bean
  @Primary
  RecordingMail recordingMail() {
    return new RecordingMail();
  }

  @Bean
  @Primary
  RecordingPaging recordingPaging() {
    return new RecordingPaging();
  }

  @Bean
  @Primary
  RecordingStatusPage recordingStatusPage() {
    return new RecordingStatusPage();
  }
}
