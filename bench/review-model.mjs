// The scripted review model (review-tasks.mjs) in a process of its own, for bench:serve: in the client's process it
// parsed each Messages API request (the system prompt and tools, tens of KB) on the event loop that also times the
// SendMessage calls, so a task's first model request delayed the client's reading of unrelated answers. A real model
// is elsewhere too. Prints its URL on the first line of stdout; SIGTERM closes it.
// Usage: node bench/review-model.mjs ROOT WORK_DIR LATENCY_MS
import { startReviewModel } from './review-tasks.mjs';

const [root, work, latencyMs] = process.argv.slice(2);
const model = await startReviewModel(root, work, Number(latencyMs));
process.stdout.write(`${model.url}\n`);
process.on('SIGTERM', () => void model.close().then(() => process.exit(0)));
