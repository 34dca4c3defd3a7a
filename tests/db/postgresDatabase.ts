import pg from 'pg';

let databaseCount = 0;

/** Create a new, empty database on the Postgres server at `serverUrl`; returns its URL. */
export async function createPostgresDatabase(serverUrl: string): Promise<string> {
  const name = `store_${process.pid}_${++databaseCount}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
