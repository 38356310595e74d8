-- Optimistic concurrency for method settings: each save adds one; a save naming another version is refused.
ALTER TABLE method_setting ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
