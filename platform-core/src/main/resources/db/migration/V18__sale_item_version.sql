-- Optimistic concurrency for the online sales catalogue: each save adds one; a save naming another version is refused.
ALTER TABLE sale_item ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
