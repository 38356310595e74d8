-- Notes on V7, whose text is kept as it ran: booking_payment holds payments only, one row per payment
-- id, written in the transaction that confirms the booking or marks its link paid (what they are
-- worth now is read from the ledger); mail_outbox rows are written in a transaction of their own.

-- A location's payment link defaults: how long a link stays open, and the message templates.
CREATE TABLE link_settings (
    location_id    VARCHAR(64)   PRIMARY KEY REFERENCES location (id),
    expiry_hours   INTEGER       NOT NULL CHECK (expiry_hours BETWEEN 1 AND 2160),
    sms            VARCHAR(1000) NOT NULL,
    email_subject  VARCHAR(500)  NOT NULL,
    email_body     VARCHAR(4000) NOT NULL,
    messenger      VARCHAR(1000) NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
