import type { CliIO } from '../io.js';
import { exitCodeOf, type Renderer } from './types.js';

/** `--output-format json`: nothing but the result object, on stdout, at the end. */
export function jsonRenderer(io: CliIO): Renderer {
  return {
    onEvent() {},
    finish(result) {
      io.stdout.write(`${JSON.stringify(result)}\n`);
      return exitCodeOf(result);
    },
  };
}
