-- Every change of a row that nodes keep in memory (lib/cache/) is announced on the `cpor_cache` channel as
-- '<cache>:<key>', so every node drops its copy at once — whichever node, script or psql session made the change.
-- NOTIFY is sent at commit (and not at all on rollback); identical payloads of one transaction are sent once.

CREATE FUNCTION cpor_cache_announce_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cpor_cache', 'user:' || OLD."id");
  -- An API key answers with its user (role, organization, active): a user change voids them all.
  PERFORM pg_notify('cpor_cache', 'apikey:*');
  RETURN NULL;
END;
$$;
CREATE TRIGGER "User_cache_announce" AFTER UPDATE OR DELETE ON "User"
  FOR EACH ROW EXECUTE FUNCTION cpor_cache_announce_user();

-- The signed-in user carries the organization's name.
CREATE FUNCTION cpor_cache_announce_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cpor_cache', 'user:*');
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Organization_cache_announce" AFTER UPDATE OR DELETE ON "Organization"
  FOR EACH STATEMENT EXECUTE FUNCTION cpor_cache_announce_organization();

CREATE FUNCTION cpor_cache_announce_api_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cpor_cache', 'apikey:' || OLD."secretHash");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "ApiKey_cache_announce" AFTER UPDATE OR DELETE ON "ApiKey"
  FOR EACH ROW EXECUTE FUNCTION cpor_cache_announce_api_key();

-- A signed-out session: nodes that remembered it as live forget that.
CREATE FUNCTION cpor_cache_announce_revoked_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cpor_cache', 'session:' || NEW."id");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "RevokedSession_cache_announce" AFTER INSERT ON "RevokedSession"
  FOR EACH ROW EXECUTE FUNCTION cpor_cache_announce_revoked_session();

CREATE FUNCTION cpor_cache_announce_settings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('cpor_cache', 'settings:*');
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Setting_cache_announce" AFTER INSERT OR UPDATE OR DELETE ON "Setting"
  FOR EACH STATEMENT EXECUTE FUNCTION cpor_cache_announce_settings();
CREATE TRIGGER "Holiday_cache_announce" AFTER INSERT OR UPDATE OR DELETE ON "Holiday"
  FOR EACH STATEMENT EXECUTE FUNCTION cpor_cache_announce_settings();
