import { DuckDBStore } from '../../storage/duckdb/duckdb-store.ts';
import { raw } from '../../storage/sql.ts';
const store = await DuckDBStore.open(process.argv[2]);
await store.query(raw(`SELECT sum(length(customer_id) + length(properties) + length(context) + length(event) + length(type) + length(coalesce(name,'')) + length(channel)), max(ts) FROM events`));
console.log('rss after plain scan', (process.memoryUsage().rss / 1e6).toFixed(0), 'MB');
console.log(JSON.stringify(await store.query(raw(`SELECT * FROM duckdb_memory()`))).slice(0, 1500));
await store.close();
