import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

let t = Date.now();
const db = await PGlite.create({ extensions: { postgis } });
await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
console.log('create', Date.now() - t);
const r = await db.query(
  `select postgis_full_version() v, ST_Area(ST_GeomFromText('POLYGON((120 30,121 30,121 31,120 31,120 30))',4490)::geography) a, 1::int8 as big, now() as n, current_date d, '{"a":1}'::jsonb j`,
);
console.log(r.rows);
t = Date.now();
const dump = await db.dumpDataDir('gzip');
console.log('dump', Date.now() - t, dump.size);
t = Date.now();
const db2 = await PGlite.create({ loadDataDir: dump, extensions: { postgis } });
const r2 = await db2.query(`select ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(120,30),4490),4326)) p`);
console.log('load', Date.now() - t, r2.rows);
