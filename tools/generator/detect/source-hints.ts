import type { ProjectDir } from './project-dir.js';

/** Port numbers we accept as hints (privileged ports would need root or NET_BIND_SERVICE). */
const MIN_PORT = 1;
const MAX_PORT = 65535;

/**
 * Heuristics, not parsing: these read application code only to suggest a port and a health path;
 * nothing here decides anything about security.
 * Ordered from most to least telling.
 */
const PORT_PATTERNS: { re: RegExp; what: string }[] = [
  // process.env.PORT || 3000, os.environ.get("PORT", "8080"), getenv('PORT', 5000), ENV.fetch("PORT", 3000)
  { re: /\bPORT['"]?\s*\]?\s*\)?\s*(?:\|\||\?\?|,|or)\s*['"]?(\d{2,5})\b/, what: 'default of the PORT variable' },
  // Go: if port == "" { port = "8080" }
  { re: /\bport\s*=\s*"(\d{2,5})"/i, what: 'port default' },
  // app.listen(3000), server.listen(8080, ...)
  { re: /\.listen\(\s*(\d{2,5})\b/, what: 'listen() call' },
  // ListenAndServe(":8080", ...), bind("0.0.0.0:8080"), "127.0.0.1:3000"
  { re: /["'`](?:0\.0\.0\.0|127\.0\.0\.1|localhost|\[::\])?:(\d{2,5})["'`]/, what: 'listen address' },
  // app.run(port=5000), uvicorn.run(app, port=8000), server.port=8081, PORT = 8000
  { re: /\b(?:server\.)?port\s*[=:]\s*(\d{2,5})\b/i, what: 'port setting' },
];

const HEALTH_PATH = /["'`](\/(?:api\/)?(?:healthz|health|livez|readyz|ready|ping|status)(?:\/live|\/ready)?)["'`]/g;
/** Preferred when several health-like routes exist. */
const HEALTH_PREFERENCE = ['/healthz', '/health', '/livez', '/api/health', '/readyz', '/ready', '/ping', '/status'];

/** Checked-in examples of the environment (a real `.env` may hold secrets: never read). */
const ENV_EXAMPLES = ['.env.example', '.env.sample'];

export interface Hint<T> {
  value: T;
  file: string;
  what: string;
}

export function portFromText(text: string): { port: number; what: string } | undefined {
  for (const { re, what } of PORT_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const port = Number(m[1]);
    if (port >= MIN_PORT && port <= MAX_PORT) return { port, what };
  }
  return undefined;
}

export function healthPathFromText(text: string): string | undefined {
  const seen = new Set<string>();
  for (const m of text.matchAll(HEALTH_PATH)) seen.add(m[1]);
  if (!seen.size) return undefined;
  return HEALTH_PREFERENCE.find((p) => seen.has(p)) ?? [...seen][0];
}

/**
 * Scan `files` first (the entry point), then the project's source files with `extensions`, for a
 * port and a health path. Both are recorded as evidence.
 */
export async function scanSourceHints(
  dir: ProjectDir,
  extensions: string[],
  firstFiles: string[] = [],
): Promise<{ port?: Hint<number>; healthPath?: Hint<string> }> {
  const files = [...new Set([...firstFiles, ...(await dir.sourceFiles(extensions))])];
  let port: Hint<number> | undefined;
  let healthPath: Hint<string> | undefined;
  for (const file of files) {
    if (port && healthPath) break;
    const text = await dir.readHint(file);
    if (!text) continue;
    if (!port) {
      const p = portFromText(text);
      if (p) port = { value: p.port, file, what: `port ${p.port} (${p.what})` };
    }
    if (!healthPath) {
      const h = healthPathFromText(text);
      if (h) healthPath = { value: h, file, what: `health endpoint ${h}` };
    }
  }
  if (!port) {
    for (const file of ENV_EXAMPLES) {
      const m = /^\s*PORT\s*=\s*["']?(\d{2,5})/m.exec((await dir.readHint(file)) ?? '');
      if (m) {
        port = { value: Number(m[1]), file, what: `PORT=${m[1]}` };
        break;
      }
    }
  }
  if (port) dir.note(port.file, port.what);
  if (healthPath) dir.note(healthPath.file, healthPath.what);
  return { port, healthPath };
}

/** Procfile `web:` command (Heroku convention, used by Python, Ruby and Node apps). */
export async function procfileWeb(dir: ProjectDir): Promise<string | undefined> {
  const text = await dir.readHint('Procfile');
  const m = text && /^web:\s*(.+)$/m.exec(text);
  if (!m) return undefined;
  dir.note('Procfile', `web process: ${m[1].trim()}`);
  return m[1].trim();
}

/**
 * Split a simple command line into argv. Returns undefined when it uses shell syntax (variables,
 * operators, quotes, globs), because such a command cannot become an exec-form CMD as is.
 */
export function simpleArgv(command: string): string[] | undefined {
  const trimmed = command.trim();
  if (!trimmed || /[$`|&;<>(){}*?'"\\!]/.test(trimmed)) return undefined;
  return trimmed.split(/\s+/);
}
