// `node --import ./record-loads.mjs`: appends the URL of every module the process loads to $RECORD_LOADS_FILE
// (a loader hook; tests use it to see what a run imports).
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (process.env.RECORD_LOADS_FILE && url.startsWith('file:')) appendFileSync(process.env.RECORD_LOADS_FILE, url + '\\n');
  return next(url, context);
}`)}`,
);
