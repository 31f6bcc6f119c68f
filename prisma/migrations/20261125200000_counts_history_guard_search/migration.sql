-- What Prisma's schema language cannot express. Kept in one place so the behaviour is reviewable.

-- 1. Maintained per-organization status counts (shared/docs/performance.md: counting 50,000 rows per
--    dashboard view costs 7 ms; reading this table costs 0.04 ms). Statement-level triggers with
--    transition tables: a bulk insert of a million claims updates each (org, status) row once, not a
--    million times. Deltas are applied in (organization, status) order so that concurrent transactions
--    lock count rows in the same order and cannot deadlock each other.
CREATE FUNCTION claim_status_count_apply(delta_rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ClaimStatusCount" ("organizationId", "status", "count")
  SELECT d."organizationId", d."status"::"ClaimStatus", d.n
  FROM jsonb_to_recordset(delta_rows) AS d("organizationId" text, "status" text, n int)
  WHERE d.n <> 0
  ORDER BY d."organizationId", d."status"
  ON CONFLICT ("organizationId", "status")
  DO UPDATE SET "count" = "ClaimStatusCount"."count" + EXCLUDED."count";
END $$;

CREATE FUNCTION claim_status_count_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claim_status_count_apply(
    (SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM (
      SELECT "organizationId", "status"::text AS "status", count(*)::int AS n
      FROM new_rows GROUP BY 1, 2) x));
  RETURN NULL;
END $$;

CREATE FUNCTION claim_status_count_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claim_status_count_apply(
    (SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM (
      SELECT "organizationId", "status", sum(n)::int AS n FROM (
        SELECT "organizationId", "status"::text AS "status", -1 AS n FROM old_rows
        UNION ALL
        SELECT "organizationId", "status"::text AS "status", 1 AS n FROM new_rows) d
      GROUP BY 1, 2 HAVING sum(n) <> 0) x));
  RETURN NULL;
END $$;

CREATE FUNCTION claim_status_count_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM claim_status_count_apply(
    (SELECT coalesce(jsonb_agg(x), '[]'::jsonb) FROM (
      SELECT "organizationId", "status"::text AS "status", -count(*)::int AS n
      FROM old_rows GROUP BY 1, 2) x));
  RETURN NULL;
END $$;

CREATE TRIGGER claim_status_count_insert AFTER INSERT ON "Claim"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_status_count_on_insert();
CREATE TRIGGER claim_status_count_update AFTER UPDATE ON "Claim"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_status_count_on_update();
CREATE TRIGGER claim_status_count_delete AFTER DELETE ON "Claim"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION claim_status_count_on_delete();

-- 2. History is append-only: nothing, not even a bug in the application, can rewrite or erase it.
CREATE FUNCTION claim_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ClaimEvent is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER claim_event_no_update_delete BEFORE UPDATE OR DELETE ON "ClaimEvent"
  FOR EACH ROW EXECUTE FUNCTION claim_event_append_only();
CREATE TRIGGER claim_event_no_truncate BEFORE TRUNCATE ON "ClaimEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION claim_event_append_only();

-- 3. Case-insensitive prefix search on customer name and domain: the lower-cased copies use the "C"
--    collation, so a range scan [q, q || U+10FFFF) on their ordinary btree indexes finds exactly the
--    strings that start with q, whatever the database's default collation.
ALTER TABLE "Claim" ALTER COLUMN "customerNameLower" TYPE text COLLATE "C";
ALTER TABLE "Claim" ALTER COLUMN "customerDomainLower" TYPE text COLLATE "C";
