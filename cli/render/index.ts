import type { CliIO } from '../io.js';
import type { OutputFormat } from '../run-options.js';
import { jsonRenderer } from './json.js';
import { streamJsonRenderer } from './stream-json.js';
import { textRenderer } from './text.js';
import type { Renderer } from './types.js';

export type { Renderer } from './types.js';
export { exitCodeOf } from './types.js';

export function createRenderer(format: OutputFormat, io: CliIO, verbose = false): Renderer {
  if (format === 'json') return jsonRenderer(io);
  if (format === 'stream-json') return streamJsonRenderer(io);
  return textRenderer(io, verbose);
}
