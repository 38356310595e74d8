-- Webhooks that arrived while their connection's provider was away longer than calls wait for it:
-- kept as received, and applied once the provider is back. REJECTED ones (the provider did not
-- verify them, e.g. past its signature tolerance) stay for an operator to see.
CREATE TABLE parked_webhook (
    id             VARCHAR(40)  PRIMARY KEY,
    connection_id  VARCHAR(40)  NOT NULL,
    headers_json   TEXT         NOT NULL,
    body_base64    TEXT         NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    attempts       INT          NOT NULL,
    reason         VARCHAR(500)
);
CREATE INDEX parked_webhook_due ON parked_webhook (status, received_at);
CREATE INDEX parked_webhook_connection ON parked_webhook (connection_id, status);
