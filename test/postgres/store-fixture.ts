/** A fresh database with our schema for the tests of one file: opened before them, closed and dropped after. */
import { afterAll, beforeAll } from 'vitest';
import { openStore } from '../../service/pg/backend.js';
import type { PgConnection } from '../../service/pg/connect.js';
import type { ServiceTaskStore } from '../../service/task-store.js';
import type { PostgresForTests } from '../support/postgres.js';

export interface StoreFixture {
  connection: PgConnection;
  store: ServiceTaskStore;
}

/** Call inside the file's describe: the fields are there once its tests run. */
export function freshStore(db: PostgresForTests): StoreFixture {
  const fixture = {} as StoreFixture;
  beforeAll(async () => {
    Object.assign(fixture, await openStore(await db.freshDatabase()));
  }, 60_000);
  afterAll(async () => {
    await fixture.store?.close();
    await db.dropAll();
  });
  return fixture;
}
