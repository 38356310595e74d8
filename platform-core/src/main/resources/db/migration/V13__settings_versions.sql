-- Optimistic concurrency for link and mail settings, as for method settings (V10).
ALTER TABLE link_settings ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
ALTER TABLE mail_settings ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
