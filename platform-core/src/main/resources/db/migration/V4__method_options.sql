-- A payment method's own settings at a location (prepayment rules and the like), as JSON.
ALTER TABLE method_setting ADD COLUMN options VARCHAR(65535);
