import { renameSync, writeFileSync } from 'node:fs';

// Preloaded into a bench server (`--import`): every 250 ms it writes its own process.memoryUsage() as JSON
// to BENCH_MEMORY_FILE, so the bench reads the heap of any server the same way (bench/memory.ts).
const file = process.env['BENCH_MEMORY_FILE'];
if (file !== undefined && file !== '') {
  // Written aside and renamed, so a reader never sees a half-written file.
  const write = () => {
    writeFileSync(`${file}.tmp`, JSON.stringify(process.memoryUsage()));
    renameSync(`${file}.tmp`, file);
  };
  write();
  setInterval(write, 250).unref();
}
