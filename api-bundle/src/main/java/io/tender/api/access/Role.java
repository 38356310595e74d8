package io.tender.api.access;

/** What a user or an API key may do. */
public enum Role {
    /** Everything, at every location, including users and keys. */
    OWNER,
    /** Read and change the settings and payments of their locations only. */
    LOCATION_ADMIN,
    /** Read their locations only; change nothing. */
    VIEWER
}
