// Prisma CLI configuration: migrations run offline through the WebAssembly schema engine and the pg adapter.
// The two workarounds below are for bugs of @prisma/adapter-pg 6.19 during migrations only; the runtime
// client (lib/db.ts) uses a plain adapter.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

type PgField = { dataTypeID: number };
type Patchable = { performIO: (q: unknown) => Promise<{ fields: PgField[] }> };

// prisma/orm#27403: introspection reads catalog columns of types `name` (oid 19) and `"char"` (oid 18)
// that the adapter cannot decode. Reporting them as `text` (oid 25) is exact for those values.
function reportCatalogTypesAsText<T>(adapter: T): T {
  const a = adapter as unknown as Patchable;
  const performIO = a.performIO.bind(a);
  a.performIO = async (q) => {
    const res = await performIO(q);
    for (const f of res.fields) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25;
    return res;
  };
  return adapter;
}

function connectionFields(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || '127.0.0.1',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password || ''),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
}

class MigrationAdapter extends PrismaPg {
  constructor(private readonly fields: pg.PoolConfig) {
    super(fields);
  }

  override async connect() {
    return reportCatalogTypesAsText(await super.connect());
  }

  // The stock shadow database drops itself while its own pool is still connected; create and drop a
  // uniquely named one here, closing its pool first and forcing the drop.
  override async connectToShadowDb() {
    const name = `${this.fields.database}_shadow_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ ...this.fields, database: 'postgres' });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const shadow = new PrismaPg({ ...this.fields, database: name });
    const adapter = reportCatalogTypesAsText(await shadow.connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const c = new pg.Client({ ...this.fields, database: 'postgres' });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
    return adapter;
  }
}

// `prisma generate` needs no database, but with `env("DATABASE_URL")` unresolved Prisma 6.19 falls back to
// downloading a query engine, which cannot work offline. A placeholder keeps generate offline.
process.env.DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/faultline';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  async adapter() {
    const url = process.env.DATABASE_URL as string;
    return new MigrationAdapter(connectionFields(url));
  },
});
