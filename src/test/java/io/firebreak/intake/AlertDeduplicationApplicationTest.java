package io.firebreak.intake;

import org.springframework.test.context.ActiveProfiles;

/** Alert deduplication over HTTP on H2 (the same application context as the lifecycle test). */
@ActiveProfiles("test")
class AlertDeduplicationApplicationTest extends AlertDeduplicationScenario {}
