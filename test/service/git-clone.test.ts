/**
 * cloneGitWorkspace and the --allow-git checks on their own, against local bare repositories over file:// and a
 * silent git:// port on loopback: what a clone brings (a branch, a tag, a commit, the remote HEAD; links and the
 * executable bit; never `.git`), and each refusal with its reason. No test here fetches anything but file:// and
 * 127.0.0.1 (the https:// URLs below only go through the URL checks), so it can run under mutation.
 * git-workspace.test.ts runs clones through a whole task.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, test } from 'vitest';
import { canonicalGitUrl, checkGitAllowed, cloneGitWorkspace, type GitPolicy } from '../../service/git-workspace.js';
import { DEFAULT_WORKSPACE_LIMITS, WorkspaceError } from '../../service/workspace.js';
import { tree } from './folder-tree.js';
import { bareRepoOf } from './git-repos.js';

const root = mkdtempSync(path.join(tmpdir(), 'de-git-clone-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => path.join(root, 'out', `${n++}`);
const policy = (extra: Partial<GitPolicy> = {}): GitPolicy => ({ allow: [`file://${root}/repos/*.git`], maxBytes: 1024 * 1024, timeoutMs: 30_000, ...extra });

/** The repository: `main` (the remote HEAD) and `release` (tagged v1.0) differ in app.txt. Made in the first test that needs it. */
let repoMade: Promise<{ url: string; releaseCommit: string }> | undefined;
function repo(): Promise<{ url: string; releaseCommit: string }> {
  repoMade ??= (async () => {
    const bare = await bareRepoOf(root, 'app', (d) => {
      mkdirSync(path.join(d, 'src'), { recursive: true });
      writeFileSync(path.join(d, 'src', 'app.txt'), 'main');
      writeFileSync(path.join(d, 'run.sh'), 'sh');
      chmodSync(path.join(d, 'run.sh'), 0o755);
      symlinkSync('src/app.txt', path.join(d, 'link'));
    });
    const work = path.join(root, 'app-work');
    const git = (args: string[]) => execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: work });
    await git(['checkout', '-q', '-b', 'release']);
    writeFileSync(path.join(work, 'src', 'app.txt'), 'release');
    await git(['commit', '-q', '-am', 'release']);
    await git(['tag', 'v1.0']);
    await git(['push', '-q', '--tags', bare, 'release']);
    const releaseCommit = (await git(['rev-parse', 'HEAD'])).stdout.trim();
    return { url: `file://${bare}`, releaseCommit };
  })();
  return repoMade;
}

async function refusal(run: Promise<unknown>): Promise<string> {
  const err = await run.then(
    () => undefined,
    (e: Error) => e,
  );
  expect(err).toBeInstanceOf(WorkspaceError);
  return err!.message;
}

describe('cloneGitWorkspace', () => {
  test('the remote HEAD, a branch, a tag or a commit: its files, links and executable bits, no .git, and the scratch folder removed', async () => {
    const { url, releaseCommit } = await repo();
    const want = (app: string) => ({ link: '-> src/app.txt', 'run.sh': 'sh (x)', src: 'dir', 'src/app.txt': app });
    for (const [ref, app] of [[undefined, 'main'], ['release', 'release'], ['v1.0', 'release'], [releaseCommit, 'release']] as const) {
      const dest = fresh();
      const scratch = fresh();
      await cloneGitWorkspace({ url, ref }, dest, scratch, policy(), DEFAULT_WORKSPACE_LIMITS);
      expect(tree(dest), String(ref)).toEqual(want(app));
      expect(existsSync(scratch), String(ref)).toBe(false);
    }
  }, 60_000);

  test('a ref that is not a branch, tag or commit name is refused before git runs', async () => {
    const { url } = await repo();
    for (const ref of ['-oops', '--upload-pack=/bin/false', 'a..b', 'a//b', 'main@{1}', 'a b', 'a~1', 'x'.repeat(201), '']) {
      const scratch = fresh();
      expect(await refusal(cloneGitWorkspace({ url, ref }, fresh(), scratch, policy(), DEFAULT_WORKSPACE_LIMITS)), ref).toBe(`git workspace ref '${ref}' is not a branch, tag or commit name`);
      expect(existsSync(scratch), ref).toBe(false);
    }
  });

  test("a ref the repository does not have: git's own words; a URL no pattern allows: refused before git runs", async () => {
    const { url } = await repo();
    const missing = 'x'.repeat(200);
    const fetched = fresh();
    expect(await refusal(cloneGitWorkspace({ url, ref: missing }, fresh(), fetched, policy(), DEFAULT_WORKSPACE_LIMITS))).toMatch(
      new RegExp(`^git workspace ${url} \\(ref ${missing}\\) could not be fetched: fatal: couldn't find remote ref ${missing}$`),
    );
    // What git wrote before it failed is gone too.
    expect(existsSync(fetched)).toBe(false);
    const scratch = fresh();
    expect(await refusal(cloneGitWorkspace({ url }, fresh(), scratch, policy({ allow: ['file:///elsewhere/*.git'] }), DEFAULT_WORKSPACE_LIMITS))).toBe(
      `git workspace URL ${url.replace('file://', 'file://')} is not allowed by --allow-git (file:///elsewhere/*.git)`,
    );
    expect(existsSync(scratch)).toBe(false);
  });

  test('the checkout is copied under the workspace rules: the entry cap applies and a link out of the project is refused', async () => {
    const { url } = await repo();
    expect(await refusal(cloneGitWorkspace({ url }, fresh(), fresh(), policy(), { maxEntries: 3, maxBytes: 1000 }))).toBe('the workspace has more than 3 entries');
    const out = await bareRepoOf(root, 'link-out', (d) => {
      mkdirSync(d);
      symlinkSync('/etc/passwd', path.join(d, 'passwd'));
    });
    const scratch = fresh();
    expect(await refusal(cloneGitWorkspace({ url: `file://${out}` }, fresh(), scratch, policy(), DEFAULT_WORKSPACE_LIMITS))).toBe("'passwd': symbolic link to the absolute path '/etc/passwd' points out of the project");
    expect(existsSync(scratch)).toBe(false);
  });

  test('a clone over --max-git-bytes is stopped (while it grows, or once it is made)', async () => {
    const { url } = await repo();
    const big = await bareRepoOf(root, 'big', (d) => {
      mkdirSync(d);
      // In a folder (the size counts every folder's files), and zeros: the pack is small, the checkout is not.
      mkdirSync(path.join(d, 'data'), { recursive: true });
      writeFileSync(path.join(d, 'data', 'zeros.bin'), Buffer.alloc(4 * 1024 * 1024));
    });
    const scratch = fresh();
    expect(await refusal(cloneGitWorkspace({ url: `file://${big}` }, fresh(), scratch, policy({ maxBytes: 1024 * 1024 }), DEFAULT_WORKSPACE_LIMITS))).toBe(
      `git workspace file://${big}: the clone is over 1048576 bytes (--max-git-bytes)`,
    );
    expect(existsSync(scratch)).toBe(false);
    // The same cap holds the small repository.
    await cloneGitWorkspace({ url }, fresh(), fresh(), policy({ maxBytes: 1024 * 1024 }), DEFAULT_WORKSPACE_LIMITS);
  }, 60_000);

  test('a git server that never answers is stopped at --git-timeout; a cancelled task stops its fetch', async () => {
    const silent = createTcpServer((socket) => socket.on('error', () => undefined)); // accepts, reads, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const url = `git://127.0.0.1:${(silent.address() as AddressInfo).port}/app.git`;
      const allow = { allow: ['git://127.0.0.1*/**'] };
      const timedOut = fresh();
      expect(await refusal(cloneGitWorkspace({ url }, fresh(), timedOut, policy({ ...allow, timeoutMs: 1000 }), DEFAULT_WORKSPACE_LIMITS))).toBe(`git workspace ${url}: not fetched within 1 s (--git-timeout)`);
      expect(existsSync(timedOut)).toBe(false);
      const cancel = new AbortController();
      const scratch = fresh();
      const run = cloneGitWorkspace({ url }, fresh(), scratch, policy(allow), DEFAULT_WORKSPACE_LIMITS, cancel.signal);
      cancel.abort();
      expect(await refusal(run)).toBe(`git workspace ${url}: cancelled`);
      expect(existsSync(scratch)).toBe(false);
    } finally {
      silent.close();
    }
  }, 60_000);
});

describe('--allow-git patterns (parsed, not pattern-matched on the raw text)', () => {
  test('canonical URLs: scp-like is ssh, user and password dropped, query refused', () => {
    expect(canonicalGitUrl('git@github.com:acme/app.git')).toEqual({ canonical: 'ssh://github.com/acme/app.git', protocol: 'ssh' });
    expect(canonicalGitUrl('github.com:/acme/app.git').canonical).toBe('ssh://github.com/acme/app.git');
    expect(canonicalGitUrl('https://user:secret@github.com/acme/app.git').canonical).toBe('https://github.com/acme/app.git');
    expect(canonicalGitUrl('HTTPS://GitHub.com:8443/acme/app.git')).toEqual({ canonical: 'https://github.com:8443/acme/app.git', protocol: 'https' });
    expect(() => canonicalGitUrl('https://github.com/acme/app.git?x=1')).toThrow(new WorkspaceError("git workspace URL 'https://github.com/acme/app.git?x=1': no query or fragment"));
    expect(() => canonicalGitUrl('https://github.com/acme/app.git#x')).toThrow(/no query or fragment/);
    // The URL parser resolves `..` and `%2e%2e` itself; an encoded slash would bring one back once decoded.
    expect(canonicalGitUrl('https://github.com/acme/%2e%2e/x.git').canonical).toBe('https://github.com/x.git');
    expect(() => canonicalGitUrl('https://github.com/acme%2F..%2Fevil/x.git')).toThrow(new WorkspaceError("git workspace URL 'https://github.com/acme%2F..%2Fevil/x.git': no '..' in the path"));
    expect(() => canonicalGitUrl('ftp://example.com/app.git')).toThrow(new WorkspaceError("git workspace URL 'ftp://example.com/app.git': protocol 'ftp' is not allowed (https, http, ssh, git, or file:// when a pattern names it)"));
    expect(() => canonicalGitUrl('https://[x/app.git')).toThrow(new WorkspaceError("git workspace URL 'https://[x/app.git' is not a URL"));
    for (const bad of ['-uhttps://x', '', 'https://x/a b.git', 'https://x/a\0.git', `https://x/${'a'.repeat(2040)}`]) {
      expect(() => canonicalGitUrl(bad), bad.slice(0, 20)).toThrow(new WorkspaceError(`git workspace URL '${bad.slice(0, 200)}' is not a URL git may fetch`));
    }
    expect(canonicalGitUrl(`https://x/${'a'.repeat(2038)}`).canonical).toBe(`https://x/${'a'.repeat(2038)}`);
    expect(() => canonicalGitUrl(42 as unknown as string)).toThrow(new WorkspaceError("git workspace URL '42' is not a URL git may fetch"));
    expect(() => canonicalGitUrl('fd::17')).toThrow(new WorkspaceError("git workspace URL 'fd::17': transport 'fd::' runs a command and is never allowed"));
    expect(() => canonicalGitUrl('ext::sh -c id')).toThrow(/transport 'ext::' runs a command/);
    const long = `ext::${'x'.repeat(300)}`;
    expect(() => canonicalGitUrl(long)).toThrow(new WorkspaceError(`git workspace URL '${long.slice(0, 200)}': transport 'ext::' runs a command and is never allowed`));
    // `::` later in a URL names no transport; a name that is not a host is no scp-like URL.
    expect(canonicalGitUrl('https://github.com/acme/a::b.git').canonical).toBe('https://github.com/acme/a::b.git');
    expect(() => canonicalGitUrl('a!b:acme/app.git')).toThrow(new WorkspaceError("git workspace URL 'a!b:acme/app.git' is not a URL"));
  });

  test('a pattern allows its own scheme only; file:// needs a file:// pattern; no patterns, nothing allowed', () => {
    const allow = ['https://github.com/acme/**'];
    expect(checkGitAllowed('https://github.com/acme/app.git', allow).protocol).toBe('https');
    expect(checkGitAllowed('https://github.com/acme/.hidden/app.git', allow).protocol).toBe('https');
    expect(checkGitAllowed('https://github.com/acme/app.git', ['HTTPS://github.com/acme/**']).protocol).toBe('https');
    expect(() => checkGitAllowed('http://github.com/acme/app.git', allow)).toThrow(new WorkspaceError('git workspace URL http://github.com/acme/app.git is not allowed by --allow-git (https://github.com/acme/**)'));
    expect(() => checkGitAllowed('https://github.com/acme-evil/app.git', allow)).toThrow(/not allowed/);
    expect(() => checkGitAllowed('https://github.com.evil.example/acme/app.git', allow)).toThrow(/not allowed/);
    expect(() => checkGitAllowed('file:///srv/acme/app.git', ['**'])).toThrow(/not allowed/);
    // A pattern of another scheme never applies, whatever follows its scheme.
    expect(() => checkGitAllowed('https://x.io/a', ['ssh://xyx.io/a', 'http://x.io/a'])).toThrow(new WorkspaceError('git workspace URL https://x.io/a is not allowed by --allow-git (ssh://xyx.io/a, http://x.io/a)'));
    expect(() => checkGitAllowed('https://github.com/acme/app.git', [])).toThrow(
      new WorkspaceError("git workspaces are refused: this server allows none (start it with --allow-git PATTERN, e.g. --allow-git 'https://github.com/acme/**')"),
    );
  });
});
