-- Payment links: short unguessable addresses a client pays through.
CREATE TABLE payment_link (
    token        VARCHAR(40)   PRIMARY KEY,
    location_id  VARCHAR(64)   NOT NULL REFERENCES location (id),
    purpose      VARCHAR(16)   NOT NULL,
    reference    VARCHAR(200)  NOT NULL,
    items        VARCHAR(65535) NOT NULL,
    amount_minor BIGINT        NOT NULL CHECK (amount_minor > 0),
    currency     CHAR(3)       NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    payment_id   VARCHAR(40),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX payment_link_location ON payment_link (location_id, created_at);
