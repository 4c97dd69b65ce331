-- Declarations limit titles (200), descriptions (4000), services and reporters (100) in characters as
-- people count them (code points, issue 18). H2 counts a VARCHAR's length in UTF-16 units, so a
-- character outside the Basic Multilingual Plane (an emoji) takes two: room for twice as many.
-- SET DATA TYPE keeps NOT NULL, on H2 and PostgreSQL alike.
ALTER TABLE fb_incident ALTER COLUMN title SET DATA TYPE VARCHAR(400);
ALTER TABLE fb_incident ALTER COLUMN description SET DATA TYPE VARCHAR(8000);
ALTER TABLE fb_incident ALTER COLUMN service SET DATA TYPE VARCHAR(200);
ALTER TABLE fb_incident ALTER COLUMN reporter SET DATA TYPE VARCHAR(200);
