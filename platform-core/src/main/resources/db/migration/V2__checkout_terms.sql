-- What the caller asked of the checkout, kept so that a retry after an unknown outcome sends the
-- provider exactly the same request under the same idempotency key.
ALTER TABLE payment ADD COLUMN checkout_email VARCHAR(254);
ALTER TABLE payment ADD COLUMN checkout_return_url VARCHAR(2000);
ALTER TABLE payment ADD COLUMN checkout_deadline TIMESTAMP WITH TIME ZONE;
