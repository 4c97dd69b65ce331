package io.firebreak;

import org.springframework.test.context.ActiveProfiles;

/** The incident lifecycle over HTTP on the default database, H2. */
@ActiveProfiles("test")
class IncidentLifecycleApplicationTest extends IncidentLifecycleScenario {}
