-- GET /disputes pages by keyset in (createdAt, id) order; without a status filter this index is the walk.
CREATE INDEX "Dispute_createdAt_id_idx" ON "Dispute"("createdAt", "id");
