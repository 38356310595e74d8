-- A payment method's own settings at a location (prepayment rules and the like), as JSON.
ALTER TABLE method_setting ADD COLUMN options VARCHAR(65535);

-- Payments of one business object (a booking's prepayments, a visit's links).
CREATE INDEX payment_reference ON payment (location_id, purpose, reference);
