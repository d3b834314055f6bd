// Runs another build of the CLI (BENCH_CLI=path/to/cli.js npm run bench) the way bin/docker-expert.js runs dist/cli.js.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
const { main } = await import(pathToFileURL(path.resolve(entry)).href);
process.exitCode = await main(args);
