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
