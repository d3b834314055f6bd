import type { CliIO } from '../io.js';

/** Placeholder until its issue lands: says so and exits 2 (CONTRACT: bad usage). */
export async function command(_argv: string[], io: CliIO): Promise<number> {
  io.stderr.write("docker-expert mcp: not available yet (its issue has not landed)\n");
  return 2;
}
