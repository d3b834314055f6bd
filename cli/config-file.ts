/**
 * docker-expert's own settings files: `$XDG_CONFIG_HOME/docker-expert/config.json` (else `~/.config/…`) for the user,
 * `<cwd>/.docker-expert/config.json` for the project (it wins). Today they hold `baseImages` only:
 * `{"baseImages": {"node": "localhost/node:20-local", "python:3.12-slim-bookworm": "localhost/python:3.11-local"}}`.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseBaseImageSpec } from '../tools/generator/base-images.js';
import { UsageError } from './io.js';

/** A config file larger than this is refused. */
export const MAX_CONFIG_BYTES = 64 * 1024;

export function configFiles(cwd: string, env: NodeJS.ProcessEnv): string[] {
  const userDir = env.XDG_CONFIG_HOME || path.join(env.HOME || homedir(), '.config');
  return [path.join(userDir, 'docker-expert', 'config.json'), path.join(cwd, '.docker-expert', 'config.json')];
}

/** `baseImages` of the config files, the project's over the user's; a bad file is a UsageError naming file and field. */
export function loadBaseImageConfig(cwd: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of configFiles(cwd, env)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new UsageError(`${file}: cannot be read: ${(err as Error).message}`);
    }
    if (Buffer.byteLength(text) > MAX_CONFIG_BYTES) throw new UsageError(`${file}: larger than ${MAX_CONFIG_BYTES} bytes`);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`${file}: invalid JSON: ${(err as Error).message}`);
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new UsageError(`${file}: expected a JSON object`);
    const images = (doc as Record<string, unknown>).baseImages;
    if (images === undefined) continue;
    if (!images || typeof images !== 'object' || Array.isArray(images)) throw new UsageError(`${file}: baseImages must be an object of NAME: LOCALREF`);
    for (const [name, ref] of Object.entries(images)) {
      if (typeof ref !== 'string') throw new UsageError(`${file}: baseImages.${name} must be a string`);
      try {
        const [n, r] = parseBaseImageSpec(`${name}=${ref}`, `${file}: baseImages.${name}`);
        out[n] = r;
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
    }
  }
  return out;
}
