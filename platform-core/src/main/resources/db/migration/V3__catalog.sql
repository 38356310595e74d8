-- The catalogue a location needs for its payments, keyed by the host system's own ids.

CREATE TABLE catalog_service (
    location_id      VARCHAR(64)  NOT NULL REFERENCES location (id),
    id               VARCHAR(64)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    category         VARCHAR(200),
    min_price_minor  BIGINT       NOT NULL CHECK (min_price_minor >= 0),
    max_price_minor  BIGINT       NOT NULL,
    currency         CHAR(3)      NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (location_id, id),
    CONSTRAINT catalog_service_range CHECK (max_price_minor >= min_price_minor)
);

CREATE TABLE catalog_employee (
    location_id  VARCHAR(64)  NOT NULL REFERENCES location (id),
    id           VARCHAR(64)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (location_id, id)
);

CREATE TABLE booking (
    location_id   VARCHAR(64)  NOT NULL REFERENCES location (id),
    id            VARCHAR(64)  NOT NULL,
    service_id    VARCHAR(64)  NOT NULL,
    employee_id   VARCHAR(64),
    client_name   VARCHAR(200) NOT NULL,
    client_email  VARCHAR(254),
    client_phone  VARCHAR(40),
    starts_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    hold_until    TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (location_id, id),
    FOREIGN KEY (location_id, service_id) REFERENCES catalog_service (location_id, id),
    FOREIGN KEY (location_id, employee_id) REFERENCES catalog_employee (location_id, id)
);
CREATE INDEX booking_hold ON booking (status, hold_until);
