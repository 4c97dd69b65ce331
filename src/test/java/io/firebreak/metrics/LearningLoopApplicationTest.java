package io.firebreak.metrics;

import org.springframework.test.context.ActiveProfiles;

/** The learning loop over HTTP on the default database, H2. */
@ActiveProfiles("test")
class LearningLoopApplicationTest extends LearningLoopScenario {}
