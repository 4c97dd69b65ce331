-- Issue 17 (outbound integrations). Numbered 17_1 so it cannot collide with the parallel
-- branches' migrations (V1..V11_1 exist).

-- Links the outside world gave an incident: the ticket, the video bridge. Written by outbound
-- HTTP steps in the engine's transaction; shown in the channel, emails and GET /api/incidents/{key}.
-- ref is the other system's own id (Jira issue key, Zoom meeting id) that later steps address.
CREATE TABLE fb_incident_link (
  incident_key VARCHAR(32)   NOT NULL,
  name         VARCHAR(64)   NOT NULL,
  url          VARCHAR(1000) NOT NULL,
  ref          VARCHAR(200),
  created_at   TIMESTAMP     NOT NULL,
  PRIMARY KEY (incident_key, name)
);

-- One row per outbound HTTP call of a step (generic HTTP step, one webhook subscriber of an event):
-- written in its own transaction BEFORE the call (state SENDING) and again after it (DELIVERED,
-- REJECTED or still SENDING when the outcome is unknown, e.g. a timeout). A retry of the step reads
-- it: DELIVERED is not sent again (the kept result is re-applied); SENDING means an earlier attempt
-- may have landed, so the step first asks the other system (its lookup) before sending again.
-- It is also the webhook delivery log operators query.
CREATE TABLE fb_outbound_delivery (
  delivery_key     VARCHAR(300)  NOT NULL PRIMARY KEY,
  incident_key     VARCHAR(32)   NOT NULL,
  target           VARCHAR(300)  NOT NULL,
  event            VARCHAR(64),
  state            VARCHAR(16)   NOT NULL,
  attempts         INT           NOT NULL,
  http_status      INT,
  result           VARCHAR(4000),
  last_error       VARCHAR(500),
  first_attempt_at TIMESTAMP     NOT NULL,
  last_attempt_at  TIMESTAMP     NOT NULL
);

CREATE INDEX fb_outbound_delivery_incident ON fb_outbound_delivery (incident_key);
