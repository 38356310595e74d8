-- Who may use the API and the console. Passwords are Argon2id hashes (PHC strings); session tokens
-- and API keys are stored only as SHA-256 hashes.
CREATE TABLE admin_user (
    id             VARCHAR(40)  PRIMARY KEY,
    email          VARCHAR(254) NOT NULL,
    password_hash  VARCHAR(400) NOT NULL,
    role           VARCHAR(20)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX admin_user_email ON admin_user (email);

CREATE TABLE access_location (
    subject_id   VARCHAR(40) NOT NULL,
    location_id  VARCHAR(64) NOT NULL REFERENCES location (id),
    PRIMARY KEY (subject_id, location_id)
);

CREATE TABLE admin_session (
    token_hash   CHAR(64)    PRIMARY KEY,
    user_id      VARCHAR(40) NOT NULL REFERENCES admin_user (id),
    csrf_token   VARCHAR(64) NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX admin_session_user ON admin_session (user_id);

CREATE TABLE api_key (
    id          VARCHAR(40)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    key_hash    CHAR(64)     NOT NULL,
    role        VARCHAR(20)  NOT NULL,
    revoked     BOOLEAN      NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX api_key_hash ON api_key (key_hash);
