// Photo redaction (issue 5, moderation): once a photo has a redacted copy, the public photo route
// looks a request up by that copy's name. Without an index every public photo request would read the
// whole photos table. Unique because each copy gets a fresh random name. See
// docs/decisions/017-moderation.md.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('photos_redacted_file').unique().on('photos').column('redacted_file').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('photos_redacted_file').execute();
}
