// `node --import ./record-builtins.mjs`: at exit, writes the Node built-in modules the process loaded (one a line) to
// $RECORD_BUILTINS_FILE; tests use it to see, for one, whether a run loaded undici (Node's fetch, Headers, Response).
// It also writes `CJS <path>` for each CommonJS file a require loaded (an ES loader hook does not see those).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const file = process.env.RECORD_BUILTINS_FILE;
const cjs = createRequire(import.meta.url).cache;
if (file) process.on('exit', () => writeFileSync(file, [...process.moduleLoadList, ...Object.keys(cjs).map((f) => `CJS ${f}`)].join('\n')));
