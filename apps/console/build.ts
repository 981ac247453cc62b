import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Builds the console into apps/console/dist unless it was already built from the same sources.
// Runs from `npm install` (the `prepare` script), so `npm start` serves a current console.
export const consoleRoot = fileURLToPath(new URL('.', import.meta.url));
export const distDir = join(consoleRoot, 'dist');
const stampFile = join(distDir, '.source-hash');

const filesUnder = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
};

/** A hash of everything the build reads from this folder (sources, page, config). */
export const sourceHash = async (): Promise<string> => {
  const files = [...(await filesUnder(join(consoleRoot, 'src'))), join(consoleRoot, 'index.html'), join(consoleRoot, 'vite.config.ts')].sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(relative(consoleRoot, file)).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
};

export const builtHash = (): Promise<string | null> => readFile(stampFile, 'utf8').catch(() => null);

/** Builds when the stamp differs from the sources (or always with `force`); says whether it built. */
export const buildConsole = async (options: { readonly force?: boolean } = {}): Promise<boolean> => {
  const hash = await sourceHash();
  if (!options.force && (await builtHash()) === hash) return false;
  const { build } = await import('vite');
  await build({ configFile: join(consoleRoot, 'vite.config.ts') });
  await writeFile(stampFile, hash);
  return true;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    const built = await buildConsole({ force: process.argv.includes('--force') });
    console.error(built ? `console built into ${relative(process.cwd(), distDir)} in ${Date.now() - started} ms` : 'console is up to date');
  } catch (error) {
    // Without the dev dependencies (npm install --omit=dev) there is no Vite: the API then says the console is not built.
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') console.error('console not built: Vite is not installed (dev dependencies)');
    else throw error;
  }
}
