-- Incident types come from the DMN incident-types (issue 11): ids a process owner chooses may be
-- longer than the five built-in ones, and "data" is now "information-governance" (still accepted
-- as an alias). Running instances keep their variable; response-plan matches both spellings.
ALTER TABLE fb_incident ALTER COLUMN incident_type SET DATA TYPE VARCHAR(64);
UPDATE fb_incident SET incident_type = 'information-governance' WHERE incident_type = 'data';
