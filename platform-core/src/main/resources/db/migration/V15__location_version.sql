-- Optimistic concurrency for a location's name and time zone, as for its other settings.
ALTER TABLE location ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
