-- The answers of API requests made with an Idempotency-Key, given again to retries for a day.
-- A request holds its row while it runs (running_until, a lease that another request may take over
-- once it has run out, so a crashed node never blocks a key for good); the answer's body is sealed
-- with the credential key (it may hold a new API key's secret, or a client's email).
CREATE TABLE idempotent_request (
    id             VARCHAR(40)  PRIMARY KEY,
    scope          VARCHAR(200) NOT NULL,
    idem_key       VARCHAR(255) NOT NULL,
    fingerprint    VARCHAR(64)  NOT NULL,
    running_until  TIMESTAMP WITH TIME ZONE,
    status         INT,
    content_type   VARCHAR(200),
    location       VARCHAR(2000),
    etag           VARCHAR(200),
    body_sealed    TEXT,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotent_request_key UNIQUE (scope, idem_key)
);
CREATE INDEX idempotent_request_expiry ON idempotent_request (expires_at);
