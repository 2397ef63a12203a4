// The one place that knows which database engine is behind Kysely. SQLite (better-sqlite3) is the
// default; PostgreSQL will be added here behind the same Kysely<Database> type.
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect, sql, type CompiledQuery, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** Accepts `sqlite:PATH`, `file:PATH` or `:memory:`. */
export function sqlitePath(url: string): string {
  if (url === ':memory:') return url;
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  if (!path) throw new Error(`DATABASE_URL has no file path: ${url}`);
  return path;
}

export interface DatabaseOptions {
  /** Sees every query as it runs: the query-plan tests read the SQL that real requests send. */
  onQuery?: (query: CompiledQuery) => void;
}

export function openDatabase(url: string, options: DatabaseOptions = {}): Db {
  const path = sqlitePath(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  // WAL lets readers proceed while one writer commits; busy_timeout covers the CLI tools writing
  // while the server runs.
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const onQuery = options.onQuery;
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    ...(onQuery ? { log: (event) => { if (event.level === 'query') onQuery(event.query); } } : {}),
  });
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; compiling the same SQL again and again was the
 * largest single cost of a bin press. Prepared statements are kept by their SQL text (bounded, least
 * recently used first out). Streaming queries get a fresh statement, because a statement that is
 * being iterated cannot run another query.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): SqliteStatement {
      let stmt = cache.get(text);
      if (stmt) cache.delete(text);
      else stmt = sqlite.prepare(text);
      cache.set(text, stmt);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      const cached = stmt;
      return {
        reader: cached.reader,
        all: (parameters) => cached.all(...parameters),
        run: (parameters) => cached.run(...parameters),
        iterate: (parameters) => sqlite.prepare(text).iterate(...parameters) as IterableIterator<unknown>,
      };
    },
  };
}

/** A cheap round trip for /healthz. */
export async function checkDatabase(db: Db): Promise<boolean> {
  const row = await sql<{ ok: number }>`select 1 as ok`.execute(db);
  return row.rows[0]?.ok === 1;
}

/**
 * Runs fn in a transaction, or inside the caller's when there already is one, so that functions which
 * must be atomic on their own can also be parts of a larger atomic step (the demo seed).
 */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}
