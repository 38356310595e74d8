-- Idempotency-Key on adding a user or an API key. An API key's secret is kept sealed (AES-GCM with
-- the credential key) for a day after creation, so that a retried request can return it once more.
ALTER TABLE admin_user ADD COLUMN idempotency_key VARCHAR(255);
ALTER TABLE admin_user ADD COLUMN request_fingerprint VARCHAR(64);
CREATE UNIQUE INDEX admin_user_idempotency ON admin_user (idempotency_key);
ALTER TABLE api_key ADD COLUMN idempotency_key VARCHAR(255);
ALTER TABLE api_key ADD COLUMN request_fingerprint VARCHAR(64);
ALTER TABLE api_key ADD COLUMN sealed_secret VARCHAR(400);
CREATE UNIQUE INDEX api_key_idempotency ON api_key (idempotency_key);
