-- Every verified provider event, stored with its provider event id before the webhook is answered,
-- then applied; retried with backoff when applying fails and left DEAD after the last attempt.
-- The unique (connection, event id) makes a delivered-again event a no-op, on any node.
CREATE TABLE webhook_inbox (
    id               VARCHAR(40)  PRIMARY KEY,
    connection_id    VARCHAR(40)  NOT NULL,
    event_id         VARCHAR(255) NOT NULL,
    event_json       TEXT         NOT NULL,
    headers_json     TEXT         NOT NULL,
    body_base64      TEXT         NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    attempts         INT          NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_until      TIMESTAMP WITH TIME ZONE,
    payment_id       VARCHAR(40),
    last_error       VARCHAR(500),
    CONSTRAINT webhook_inbox_event UNIQUE (connection_id, event_id)
);
CREATE INDEX webhook_inbox_due ON webhook_inbox (state, next_attempt_at);
CREATE INDEX webhook_inbox_received ON webhook_inbox (received_at, id);
