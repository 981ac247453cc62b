import { defineEntity, p } from '@mikro-orm/core';

/** Attempt counters shared by every API process (`SqlRateCounter`): `key` is `<prefix>:<sha256>`, never an email or address. */
export const RateLimitEntity = defineEntity({
  name: 'RateLimitRow',
  tableName: 'rate_limits',
  properties: {
    key: p.string().length(64).primary(),
    points: p.integer(),
    /** Epoch ms at which the window ends. */
    expiresAt: p.bigint('number'),
    /** Whether the last `take` counted (read back by the same statement). */
    counted: p.smallint(),
  },
});
