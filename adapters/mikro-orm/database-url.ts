import { Result } from 'effect';

/** Where the store lives, decoded from `DATABASE_URL`. */
export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | {
      readonly dialect: 'mysql';
      readonly host: string;
      readonly port: number;
      readonly user: string;
      readonly password: string;
      readonly database: string;
    };

/** `sqlite:<path>` (`sqlite::memory:` for a throwaway store) or `mysql://user:pass@host:port/db` (`mariadb://` too). */
export const parseDatabaseUrl = (url: string): Result.Result<DatabaseTarget, string> => {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return path === '' ? Result.fail('DATABASE_URL: sqlite: needs a file path') : Result.succeed({ dialect: 'sqlite', path });
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Result.fail('DATABASE_URL: expected sqlite:<path> or mysql://user:pass@host:port/db');
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    return Result.fail(`DATABASE_URL: unsupported scheme ${parsed.protocol}`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_$]{1,64}$/.test(database)) return Result.fail('DATABASE_URL: the database name is missing or invalid');
  const port = parsed.port === '' ? 3306 : Number(parsed.port);
  return Result.succeed({
    dialect: 'mysql',
    host: parsed.hostname,
    port,
    user: decodeURIComponent(parsed.username) || 'root',
    password: decodeURIComponent(parsed.password),
    database,
  });
};
