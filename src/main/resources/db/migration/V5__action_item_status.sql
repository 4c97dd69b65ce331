-- Action items are tracked to done after the incident closes (issue 6): what kind of work each
-- is, its state, who finished it and how, and the action-item process instance that assigned it
-- (none for items that went to the planning backlog).
ALTER TABLE fb_action_item ADD COLUMN kind VARCHAR(16) DEFAULT 'other' NOT NULL;
ALTER TABLE fb_action_item ADD COLUMN status VARCHAR(16) DEFAULT 'open' NOT NULL;
ALTER TABLE fb_action_item ADD COLUMN process_instance_id VARCHAR(64);
ALTER TABLE fb_action_item ADD COLUMN completed_at TIMESTAMP;
ALTER TABLE fb_action_item ADD COLUMN completed_by VARCHAR(100);
ALTER TABLE fb_action_item ADD COLUMN outcome VARCHAR(2000);

CREATE INDEX fb_action_item_status ON fb_action_item (status, due_date);
