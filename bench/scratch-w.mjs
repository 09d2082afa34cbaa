import { Worker } from 'node:worker_threads';
const file = new URL('./scratch-wtest.ts', import.meta.url).href;
const a = new Worker(new URL(file), { execArgv: ['--import', 'tsx'] });
a.on('error', (e) => console.log('A err', e.message));
const b = new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(file)}); })`, { eval: true });
b.on('error', (e) => console.log('B err', e.message));
