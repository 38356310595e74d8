package io.tender.api.access;

import io.tender.api.TenderException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Users, sessions and API keys. Implemented by the platform. Passwords are hashed with Argon2id;
 * session tokens and API keys are stored as SHA-256 hashes, so a copy of the database signs nobody in.
 */
@ProviderType
public interface AccessService {

    /** @return true if an owner exists (the first one is created from the command line or the environment) */
    boolean hasOwner();

    /**
     * Adds a user.
     *
     * @param password at least 12 characters
     * @return the user
     * @throws TenderException naming the field if the email is taken or malformed, the password too
     *                         short, or a location unknown
     */
    default AdminUser createUser(String email, String password, Role role, Set<String> locations) {
        return createUser(email, password, role, locations, null);
    }

    /**
     * Adds a user; with an idempotency key, a retry of the same request returns the user it added.
     *
     * @param idempotencyKey null, or up to 255 characters
     * @throws TenderException as {@link #createUser(String, String, Role, Set)}, and a conflict on
     *                         {@code idempotencyKey} if the key was used for another user
     */
    AdminUser createUser(String email, String password, Role role, Set<String> locations, String idempotencyKey);

    /** @return every user, ordered by email */
    List<AdminUser> users();

    /**
     * Signs a user in.
     *
     * @return the new session, or empty if the email or the password is wrong (the same answer for
     *         both, so the answer does not tell which emails exist)
     */
    Optional<Session> signIn(String email, String password);

    /** @return who holds the session token, if it is valid and not expired; using it extends it */
    Optional<Session> session(String token);

    /** Ends a session; an unknown token changes nothing. */
    void signOut(String token);

    /**
     * Creates an API key.
     *
     * @return the key, with its secret (shown this once)
     * @throws TenderException naming the field if the role is OWNER, no location is given, or a location is unknown
     */
    default ApiKey createApiKey(String name, Role role, Set<String> locations) {
        return createApiKey(name, role, locations, null);
    }

    /**
     * Creates an API key; with an idempotency key, a retry of the same request within a day returns
     * the key it created, secret included (kept sealed for that day only).
     *
     * @param idempotencyKey null, or up to 255 characters
     * @throws TenderException as {@link #createApiKey(String, Role, Set)}, and a conflict on
     *                         {@code idempotencyKey} if the key was used for another request or more than a day ago
     */
    ApiKey createApiKey(String name, Role role, Set<String> locations, String idempotencyKey);

    /** @return every API key that is not revoked, without its secret, ordered by name */
    List<ApiKey> apiKeys();

    /** @return who holds the API key, if it exists and is not revoked */
    Optional<Principal> apiKey(String secret);

    /** Revokes an API key. @throws TenderException if there is no such key */
    void revokeApiKey(String id);
}
