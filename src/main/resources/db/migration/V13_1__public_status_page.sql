-- The public status page (issue 13): only what a person approved for customers. The public id is
-- random so the page never shows an incident key; incident_key links back for the processes only.
CREATE TABLE fb_status_incident (
  id VARCHAR(16) PRIMARY KEY,
  incident_key VARCHAR(32) NOT NULL UNIQUE,
  name VARCHAR(200) NOT NULL,
  status VARCHAR(20) NOT NULL,
  component_status VARCHAR(30) NOT NULL,
  components VARCHAR(2000) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  monitoring_at TIMESTAMP,
  resolved_at TIMESTAMP
);
CREATE INDEX fb_status_incident_resolved ON fb_status_incident (resolved_at);

CREATE TABLE fb_status_update (
  id VARCHAR(16) PRIMARY KEY,
  status_incident_id VARCHAR(16) NOT NULL REFERENCES fb_status_incident (id),
  status VARCHAR(20) NOT NULL,
  body VARCHAR(4000) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX fb_status_update_incident ON fb_status_update (status_incident_id, created_at);
