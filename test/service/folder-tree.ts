/** A folder as a test reads it back. */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Every file, folder and link under `root`, as `path: content | dir | -> target`, `(x)` after an executable file. */
export function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path.join(root, r));
      if (st.isSymbolicLink()) out[r] = `-> ${readlinkSync(path.join(root, r))}`;
      else if (st.isDirectory()) {
        out[r] = 'dir';
        walk(r);
      } else out[r] = `${readFileSync(path.join(root, r), 'utf8')}${st.mode & 0o111 ? ' (x)' : ''}`;
    }
  };
  walk('');
  return out;
}
