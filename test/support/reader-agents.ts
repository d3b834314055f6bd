/** Two small agents for runs that need Read, Bash and Task without a workflow: `reader` and its sub-agent `helper`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeReaderAgents(project: string): void {
  const dir = path.join(project, '.claude', 'agents');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'reader.md'), '---\nname: reader\ndescription: reads files and reports\ntools: Read, Bash(cat:*), Bash(ls:*), Task\nmodel: sonnet\n---\n\nYou read files.\n');
  writeFileSync(path.join(dir, 'helper.md'), '---\nname: helper\ndescription: looks at one file for the reader\ntools: Read\nmodel: sonnet\n---\n\nYou help.\n');
}
