-- Second release, access (issue 14): the counters of the sign-in and API rate limits, shared by every app node.
-- The layout is the one rate-limiter-flexible's RateLimiterPostgres reads and writes (key, points, expire in
-- epoch milliseconds); it is created here, not by the library at runtime (`tableCreated: true`).

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- API keys may expire (set at creation, optional): an expired key answers 401 like a revoked one.
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "expiresAt" TIMESTAMP(3);
