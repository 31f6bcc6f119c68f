-- Tamper-evident history (docs/architecture.md "Tamper-evident history"). Each claim's ClaimEvent rows, and all
-- AuditEvent rows, form a chain: row n stores seq = n and mac = HMAC-SHA-256(AUDIT_CHAIN_KEY, message(row, mac of
-- row n-1)). The MAC is computed HERE, in a BEFORE INSERT trigger, so every writer is chained alike — the
-- service, the sweep's set-based INSERT … SELECT, the seed, imports — and no writer can choose seq or mac.
-- The trigger first locks the chain (the claim row FOR NO KEY UPDATE; the audit chain with a transaction-level
-- advisory lock), so two transactions appending to one chain run one after the other: the chain never forks, and
-- UNIQUE (claimId, seq) / UNIQUE (seq) would refuse a fork if a writer ever bypassed the lock.
-- The key reaches SQL as the session setting cpor.audit_chain_key, set by lib/db.ts when a connection opens
-- ("<keyId>:<hex(K^ipad)>:<hex(K^opad)>", lib/audit/chain-key.mjs), so only the built-in sha256() is needed.
-- The message is rebuilt by the verifier (lib/audit/chain.ts, chainMessage) field by field: keep both in step.

ALTER TABLE "ClaimEvent" ADD COLUMN "seq" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "mac" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "keyId" TEXT NOT NULL DEFAULT '';
ALTER TABLE "AuditEvent" ADD COLUMN "seq" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "mac" TEXT NOT NULL DEFAULT '',
  ADD COLUMN "keyId" TEXT NOT NULL DEFAULT '';

-- One field of a message: its UTF-8 length, a colon, the text, a newline; NULL is "-". Unambiguous without escaping.
CREATE FUNCTION cpor_chain_field(v TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN v IS NULL THEN '-' ELSE octet_length(convert_to(v, 'UTF8'))::text || ':' || v END || E'\n'
$$;

-- The instant as the verifier reads it: ISO-8601 UTC with milliseconds ("at" is timestamp(3), stored in UTC).
CREATE FUNCTION cpor_chain_instant(at TIMESTAMP) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- The session's key setting; a session without it cannot append history.
CREATE FUNCTION cpor_chain_setting() RETURNS TEXT LANGUAGE plpgsql STABLE AS $$
DECLARE
  s TEXT := current_setting('cpor.audit_chain_key', true);
BEGIN
  IF s IS NULL OR s !~ '^[0-9a-f]{16}:[0-9a-f]{128}:[0-9a-f]{128}$' THEN
    RAISE EXCEPTION 'cpor.audit_chain_key is not set for this session: history cannot be appended without its chain key (AUDIT_CHAIN_KEY, lib/audit/chain-key.mjs)';
  END IF;
  RETURN s;
END $$;

-- HMAC-SHA-256 (RFC 2104) from the two pre-padded keys of the setting.
CREATE FUNCTION cpor_chain_mac(setting TEXT, message TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(decode(split_part(setting, ':', 3), 'hex')
    || sha256(decode(split_part(setting, ':', 2), 'hex') || convert_to(message, 'UTF8'))), 'hex')
$$;

CREATE FUNCTION cpor_claim_event_message(e "ClaimEvent", prev_mac TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT 'cpor-claim-event/1' || E'\n' || cpor_chain_field(e."claimId") || cpor_chain_field(e."seq"::text)
    || cpor_chain_field(e."id"::text) || cpor_chain_field(e."type") || cpor_chain_field(e."actorId")
    || cpor_chain_field(e."actorRole") || cpor_chain_field(e."actorName") || cpor_chain_field(cpor_chain_instant(e."at"))
    || cpor_chain_field(e."fromStatus"::text) || cpor_chain_field(e."toStatus"::text) || cpor_chain_field(e."data"::text)
    || cpor_chain_field(e."keyId") || cpor_chain_field(prev_mac)
$$;

CREATE FUNCTION cpor_audit_event_message(e "AuditEvent", prev_mac TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT 'cpor-audit-event/1' || E'\n' || cpor_chain_field(e."seq"::text) || cpor_chain_field(e."id"::text)
    || cpor_chain_field(e."type") || cpor_chain_field(e."actorId") || cpor_chain_field(e."actorRole")
    || cpor_chain_field(e."organizationId") || cpor_chain_field(e."claimId") || cpor_chain_field(cpor_chain_instant(e."at"))
    || cpor_chain_field(e."data"::text) || cpor_chain_field(e."keyId") || cpor_chain_field(prev_mac)
$$;

-- Chain the rows that exist already, in the order they were written (id), with the key of this session: run the
-- migration with AUDIT_CHAIN_KEY set (prisma/schema-engine.mjs passes it). The append-only guards are lifted for
-- this one statement list only.
ALTER TABLE "ClaimEvent" DISABLE TRIGGER claim_event_no_update_delete;
ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_no_update_delete;
DO $$
DECLARE
  s TEXT;
  e "ClaimEvent";
  a "AuditEvent";
  prev_claim TEXT := NULL;
  prev_seq INTEGER := 0;
  prev_mac TEXT := NULL;
BEGIN
  IF EXISTS (SELECT 1 FROM "ClaimEvent") OR EXISTS (SELECT 1 FROM "AuditEvent") THEN
    s := cpor_chain_setting();
  END IF;
  FOR e IN SELECT * FROM "ClaimEvent" ORDER BY "claimId", "id" LOOP
    IF prev_claim IS DISTINCT FROM e."claimId" THEN
      prev_claim := e."claimId"; prev_seq := 0; prev_mac := NULL;
    END IF;
    e."seq" := prev_seq + 1;
    e."keyId" := split_part(s, ':', 1);
    e."mac" := cpor_chain_mac(s, cpor_claim_event_message(e, prev_mac));
    UPDATE "ClaimEvent" SET "seq" = e."seq", "keyId" = e."keyId", "mac" = e."mac" WHERE "id" = e."id";
    prev_seq := e."seq"; prev_mac := e."mac";
  END LOOP;
  prev_seq := 0; prev_mac := NULL;
  FOR a IN SELECT * FROM "AuditEvent" ORDER BY "id" LOOP
    a."seq" := prev_seq + 1;
    a."keyId" := split_part(s, ':', 1);
    a."mac" := cpor_chain_mac(s, cpor_audit_event_message(a, prev_mac));
    UPDATE "AuditEvent" SET "seq" = a."seq", "keyId" = a."keyId", "mac" = a."mac" WHERE "id" = a."id";
    prev_seq := a."seq"; prev_mac := a."mac";
  END LOOP;
END $$;
ALTER TABLE "ClaimEvent" ENABLE TRIGGER claim_event_no_update_delete;
ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_no_update_delete;

CREATE UNIQUE INDEX "ClaimEvent_claimId_seq_key" ON "ClaimEvent"("claimId", "seq");
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

CREATE FUNCTION claim_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s TEXT := cpor_chain_setting();
  prev_seq INTEGER;
  prev_mac TEXT;
BEGIN
  -- The claim row is the chain's lock: every append to one claim's history waits here for the previous one.
  PERFORM 1 FROM "Claim" WHERE "id" = NEW."claimId" FOR NO KEY UPDATE;
  SELECT "seq", "mac" INTO prev_seq, prev_mac FROM "ClaimEvent" WHERE "claimId" = NEW."claimId" ORDER BY "seq" DESC LIMIT 1;
  NEW."seq" := COALESCE(prev_seq, 0) + 1;
  NEW."keyId" := split_part(s, ':', 1);
  NEW."mac" := cpor_chain_mac(s, cpor_claim_event_message(NEW, prev_mac));
  RETURN NEW;
END $$;
CREATE TRIGGER claim_event_chain BEFORE INSERT ON "ClaimEvent" FOR EACH ROW EXECUTE FUNCTION claim_event_chain();

CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s TEXT := cpor_chain_setting();
  prev_seq INTEGER;
  prev_mac TEXT;
BEGIN
  -- One global chain: a transaction-level advisory lock (a fixed key, used for nothing else) serializes appends.
  PERFORM pg_advisory_xact_lock(4377260201143000);
  SELECT "seq", "mac" INTO prev_seq, prev_mac FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1;
  NEW."seq" := COALESCE(prev_seq, 0) + 1;
  NEW."keyId" := split_part(s, ':', 1);
  NEW."mac" := cpor_chain_mac(s, cpor_audit_event_message(NEW, prev_mac));
  RETURN NEW;
END $$;
CREATE TRIGGER audit_event_chain BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
