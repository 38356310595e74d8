-- Idempotency-Key on creating a connection or a payment link: a retry with the same key returns
-- what the first call created, per location.
ALTER TABLE provider_connection ADD COLUMN idempotency_key VARCHAR(255);
CREATE UNIQUE INDEX provider_connection_idempotency ON provider_connection (location_id, idempotency_key);
ALTER TABLE payment_link ADD COLUMN idempotency_key VARCHAR(255);
ALTER TABLE payment_link ADD COLUMN request_fingerprint VARCHAR(64);
CREATE UNIQUE INDEX payment_link_idempotency ON payment_link (location_id, idempotency_key);
