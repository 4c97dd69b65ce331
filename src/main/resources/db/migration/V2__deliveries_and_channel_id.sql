-- One row per message, channel or email that reached the outside world, written in its own
-- transaction right after the outside call succeeded. A retried step checks it first, so a job
-- whose transaction rolled back after Slack or SMTP had already accepted the call does not send
-- again. The key is the step (its async job, stable across retries) plus what was delivered.
CREATE TABLE fb_delivery (
  delivery_key VARCHAR(300)  NOT NULL PRIMARY KEY,
  incident_key VARCHAR(32)   NOT NULL,
  result       VARCHAR(500),
  delivered_at TIMESTAMP     NOT NULL
);

CREATE INDEX fb_delivery_incident ON fb_delivery (incident_key);

-- The Slack id of the incident channel (channel_name stays what people see and what other
-- parts look incidents up by).
ALTER TABLE fb_incident ADD COLUMN channel_id VARCHAR(32);
