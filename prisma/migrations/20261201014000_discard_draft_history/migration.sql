-- Partner tools (docs/domain.md): a draft is discarded with its history. ClaimEvent stays append-only except for
-- exactly this: a DELETE is allowed only for the claim named by the transaction-local setting
-- `cpor.discard_claim_id` (set by lib/claims/service/discard-claim.ts in the same transaction, via
-- set_config(…, true)), and only while that claim still exists in EDITING. UPDATE and TRUNCATE stay refused.
-- The status-count trigger on Claim already handles DELETE (claim_status_count_on_delete), so counts stay right.
CREATE OR REPLACE FUNCTION claim_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND OLD."claimId" = current_setting('cpor.discard_claim_id', true)
     AND EXISTS (SELECT 1 FROM "Claim" c WHERE c."id" = OLD."claimId" AND c."status" = 'EDITING') THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'ClaimEvent is append-only: % refused', TG_OP;
END $$;
