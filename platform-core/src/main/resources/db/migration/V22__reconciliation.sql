-- Reconciliation: when the janitor next asks the provider about an open payment, how often it
-- asked, and why it needs an admin when it could not bring it to an outcome.
ALTER TABLE payment ADD COLUMN next_check_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE payment ADD COLUMN checks INT DEFAULT 0 NOT NULL;
ALTER TABLE payment ADD COLUMN attention VARCHAR(500);
CREATE INDEX payment_open_status ON payment (status, updated_at);
-- Links whose time ran out are marked so in the table too, once their open checkouts are closed.
CREATE INDEX payment_link_open ON payment_link (status, expires_at);
