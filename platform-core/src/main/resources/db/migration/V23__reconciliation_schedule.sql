-- Reconciliation finds the payments due for a check by one range of an index on next_check_at,
-- whose cost is the batch's: every open payment now holds when it is next asked about (a quiet time
-- after its last change until its first check; the default quiet time of 5 minutes for the payments
-- already open here), and a closed one holds none. The filter it replaces read every open payment.
UPDATE payment SET next_check_at = updated_at + INTERVAL '5' MINUTE
    WHERE next_check_at IS NULL AND status IN ('CREATED', 'PENDING', 'REQUIRES_ACTION', 'UNKNOWN');
UPDATE payment SET next_check_at = NULL
    WHERE next_check_at IS NOT NULL AND status NOT IN ('CREATED', 'PENDING', 'REQUIRES_ACTION', 'UNKNOWN');
CREATE INDEX payment_next_check ON payment (next_check_at);
-- Kept up by every payment written and read by nothing now: the old filter's index, and one whose
-- columns lead payment_location_created_id (location_id, created_at DESC, id DESC).
DROP INDEX payment_open_status;
DROP INDEX payment_location_created;
