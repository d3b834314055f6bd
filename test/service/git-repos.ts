/** Local git repositories for the git-workspace tests: a working folder committed on one branch, cloned bare. */
import path from 'node:path';
import { execa } from 'execa';

/** Commits what `files` puts in `<root>/<name>-work` on `branch` and clones it bare to `<root>/repos/<name>.git`. */
export async function bareRepoOf(root: string, name: string, files: (dir: string) => void, branch = 'main'): Promise<string> {
  const work = path.join(root, `${name}-work`);
  files(work);
  const git = (args: string[]) => execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd: work });
  await git(['init', '-q']);
  await git(['checkout', '-q', '-b', branch]);
  await git(['add', '.']);
  await git(['commit', '-q', '-m', 'app']);
  const bare = path.join(root, 'repos', `${name}.git`);
  await execa('git', ['clone', '-q', '--bare', work, bare]);
  return bare;
}
