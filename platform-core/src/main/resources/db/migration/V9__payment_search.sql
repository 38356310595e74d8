-- Payment search: newest first, by location or across them, with the id as the tie-break of the cursor.
CREATE INDEX payment_location_created_id ON payment (location_id, created_at DESC, id DESC);
CREATE INDEX payment_created_id ON payment (created_at DESC, id DESC);
