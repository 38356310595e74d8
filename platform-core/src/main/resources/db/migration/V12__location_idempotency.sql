-- Idempotency-Key on creating a location: a retry with the same key returns the location it created.
ALTER TABLE location ADD COLUMN idempotency_key VARCHAR(255);
ALTER TABLE location ADD COLUMN request_fingerprint VARCHAR(64);
CREATE UNIQUE INDEX location_idempotency ON location (idempotency_key);
