import { appendFileSync } from 'node:fs';
import { tracingChannel } from 'node:diagnostics_channel';

// Preload (`node --import ./bench/sql-trace.hook.ts`): appends every statement mysql2 sends, as sent, one
// JSON string per line, to the file named by BENCH_SQL_TRACE. Without that variable it does nothing.
const file = process.env['BENCH_SQL_TRACE'];
if (file !== undefined && file !== '') {
  tracingChannel<unknown, { query?: unknown }>('mysql2:query').subscribe({
    start: (context) => appendFileSync(file, `${JSON.stringify(String(context.query))}\n`),
    end: () => {},
    asyncStart: () => {},
    asyncEnd: () => {},
    error: () => {},
  });
}
