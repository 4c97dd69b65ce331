-- Versioned 18.1.13, not 13.2: installations that already ran V18_1 would refuse a lower version.
-- Planned maintenance (issue 13, process "maintenance"): what the public page shows of it and what
-- the response plan's inMaintenance input reads. maintenance_key is the process's business key
-- (never shown); the public id is random. A cancelled maintenance is completed with cancelled_at set.
CREATE TABLE fb_maintenance (
  id VARCHAR(16) PRIMARY KEY,
  maintenance_key VARCHAR(32) NOT NULL UNIQUE,
  name VARCHAR(200) NOT NULL,
  status VARCHAR(20) NOT NULL,
  components VARCHAR(2000) NOT NULL,
  scheduled_for TIMESTAMP NOT NULL,
  scheduled_until TIMESTAMP NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  started_at TIMESTAMP,
  completed_at TIMESTAMP,
  cancelled_at TIMESTAMP
);
CREATE INDEX fb_maintenance_completed ON fb_maintenance (completed_at);

CREATE TABLE fb_maintenance_update (
  id VARCHAR(16) PRIMARY KEY,
  maintenance_id VARCHAR(16) NOT NULL REFERENCES fb_maintenance (id),
  status VARCHAR(20) NOT NULL,
  body VARCHAR(4000) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX fb_maintenance_update_maintenance ON fb_maintenance_update (maintenance_id, created_at);
