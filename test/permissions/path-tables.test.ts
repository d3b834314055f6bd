/** The path helpers of permissions/paths.ts one by one: every name in their tables, every branch, exact reasons. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  guardedWriteReason,
  isEngineSocketPath,
  isInside,
  isSecretPath,
  PathResolutionError,
  realPathOf,
  resolvePath,
  rootOf,
  sensitiveWriteReason,
} from '../../permissions/paths.js';

let root: string;
let proj: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'de-paths-')));
  proj = path.join(root, 'proj');
  mkdirSync(path.join(proj, 'real', 'deep'), { recursive: true });
  writeFileSync(path.join(proj, 'real', 'deep', 'f'), 'x');
  symlinkSync('real', path.join(proj, 'rel-link'));
  symlinkSync(path.join(proj, 'real'), path.join(proj, 'abs-link'));
  symlinkSync('real/deep', path.join(proj, 'deep-link'));
  symlinkSync('rel-link/deep', path.join(proj, 'chain'));
  symlinkSync('../..', path.join(proj, 'real', 'up2'));
  symlinkSync('real//deep/', path.join(proj, 'slashy'));
  symlinkSync('/', path.join(proj, 'root-link'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SENSITIVE_FILES = [
  '.gitconfig', '.gitmodules', '.gitattributes', '.bashrc', '.bash_profile', '.bash_login', '.bash_aliases', '.bash_logout',
  '.zshrc', '.zprofile', '.zshenv', '.zlogin', '.zlogout', '.profile', '.envrc', '.npmrc', '.yarnrc', '.yarnrc.yml', '.pnp.cjs',
  '.pnp.loader.mjs', '.pnpmfile.cjs', 'bunfig.toml', '.bunfig.toml', '.bazelrc', '.bazelversion', '.bazeliskrc',
  '.pre-commit-config.yaml', 'lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', 'gradle-wrapper.properties',
  'maven-wrapper.properties', '.devcontainer.json', '.ripgreprc', 'pyrightconfig.json',
];
const SENSITIVE_DIRS = ['.config', '.vscode', '.idea', '.husky', '.cargo', '.devcontainer', '.yarn', '.mvn'];

describe('sensitiveWriteReason', () => {
  it.each(SENSITIVE_FILES)('%s, at the root and in a sub folder, is a startup or tool configuration file', (name) => {
    const why = `${name} is a startup or tool configuration file that can run code`;
    expect(sensitiveWriteReason(`${proj}/${name}`, [proj])).toBe(why);
    expect(sensitiveWriteReason(`${proj}/sub/dir/${name}`, [proj])).toBe(why);
  });

  it.each(SENSITIVE_DIRS)('every file below %s/ holds tool configuration', (dir) => {
    const why = `${dir}/ holds tool configuration that runs code`;
    expect(sensitiveWriteReason(`${proj}/${dir}/settings.json`, [proj])).toBe(why);
    expect(sensitiveWriteReason(`${proj}/pkg/${dir}/a/b.txt`, [proj])).toBe(why);
    // A file that only bears the folder's name holds nothing below it.
    expect(sensitiveWriteReason(`${proj}/${dir}`, [proj])).toBeUndefined();
  });

  it('names the first sensitive folder, before a sensitive file name below it', () => {
    expect(sensitiveWriteReason(`${proj}/.idea/.vscode/.npmrc`, [proj])).toBe('.idea/ holds tool configuration that runs code');
  });

  it('leaves ordinary files alone, and judges a path outside every root by its own components', () => {
    for (const p of ['Dockerfile', 'src/.npmrc.bak', 'x.bashrc', 'config/app.json', '.configs/x', 'bashrc', 'gradle.properties']) {
      expect(sensitiveWriteReason(`${proj}/${p}`, [proj]), p).toBeUndefined();
    }
    expect(sensitiveWriteReason('/elsewhere/.vscode/x', [proj])).toBe('.vscode/ holds tool configuration that runs code');
    expect(sensitiveWriteReason('/elsewhere/.zshrc', [proj])).toBe('.zshrc is a startup or tool configuration file that can run code');
  });
});

describe('guardedWriteReason', () => {
  const dirWhy = (d: string) => `${d}/ is protected (it can run code on the host or change this agent's permissions)`;
  const fileWhy = (f: string) => `${f} is protected (it configures the servers and tools agents run)`;

  it('protects .git/ and .claude/ (the folder itself and all below), .mcp.json and .claude.json anywhere', () => {
    expect(guardedWriteReason(`${proj}/.git`, [proj])).toBe(dirWhy('.git'));
    expect(guardedWriteReason(`${proj}/.git/hooks/pre-commit`, [proj])).toBe(dirWhy('.git'));
    expect(guardedWriteReason(`${proj}/vendor/lib/.git/config`, [proj])).toBe(dirWhy('.git'));
    expect(guardedWriteReason(`${proj}/.claude`, [proj])).toBe(dirWhy('.claude'));
    expect(guardedWriteReason(`${proj}/.claude/agents/x.md`, [proj])).toBe(dirWhy('.claude'));
    expect(guardedWriteReason(`${proj}/.mcp.json`, [proj])).toBe(fileWhy('.mcp.json'));
    expect(guardedWriteReason(`${proj}/sub/.claude.json`, [proj])).toBe(fileWhy('.claude.json'));
    expect(guardedWriteReason('/elsewhere/.git/config', [proj])).toBe(dirWhy('.git'));
    expect(guardedWriteReason('/elsewhere/.mcp.json', [proj])).toBe(fileWhy('.mcp.json'));
  });

  it('leaves other names alone (.gitignore, .github/, a .mcp.json folder holds nothing guarded)', () => {
    for (const p of ['.gitignore', '.github/workflows/ci.yml', 'git/x', 'claude/x', '.mcp.json.bak', 'x.mcp.json', '.mcp.json/inner', 'Dockerfile']) {
      expect(guardedWriteReason(`${proj}/${p}`, [proj]), p).toBeUndefined();
    }
  });

  it('a worktree of Claude Code is judged from its own root, only at <root>/.claude/worktrees/<name>/', () => {
    expect(guardedWriteReason(`${proj}/.claude/worktrees/wt/app.ts`, [proj])).toBeUndefined();
    expect(guardedWriteReason(`${proj}/.claude/worktrees/wt/.git`, [proj])).toBe(dirWhy('.git'));
    expect(guardedWriteReason(`${proj}/.claude/worktrees/wt/.mcp.json`, [proj])).toBe(fileWhy('.mcp.json'));
    expect(guardedWriteReason(`${proj}/.claude/worktrees/wt`, [proj])).toBe(dirWhy('.claude'));
    expect(guardedWriteReason(`${proj}/sub/.claude/worktrees/wt/app.ts`, [proj])).toBe(dirWhy('.claude'));
    expect(guardedWriteReason(`${proj}/.claude/trees/wt/app.ts`, [proj])).toBe(dirWhy('.claude'));
    expect(guardedWriteReason(`${proj}/.git/worktrees/wt/app.ts`, [proj])).toBe(dirWhy('.git'));
    expect(guardedWriteReason('/elsewhere/.claude/worktrees/wt/app.ts', [proj])).toBe(dirWhy('.claude'));
    // The second root is a root too.
    expect(guardedWriteReason(`${root}/other/.claude/worktrees/wt/app.ts`, [proj, `${root}/other`])).toBeUndefined();
  });
});

describe('isEngineSocketPath', () => {
  it.each([
    ['/var/run/docker.sock', true], ['/run/podman/podman.sock', true], ['/run/containerd/containerd.sock', true], ['/x/any.sock', true],
    ['/x/.sock', true], ['/x/docker.socket', false], ['/x/docker.sock.bak', false], ['/x/sock', false], ['/var/run/docker', false],
  ])('%s: %s', (p, socket) => {
    expect(isEngineSocketPath(p)).toBe(socket);
  });
});

describe('isSecretPath', () => {
  it.each([
    ['.env', true], ['.ENV', true], ['.env.local', true], ['.env.production', true], ['.Env.Example', false], ['.env.sample', false],
    ['.env.template', false], ['.env.dist', false], ['.env.defaults', false], ['x.env', false], ['.environment', false],
    ['a.pem', true], ['a.KEY', true], ['a.p12', true], ['a.pfx', true], ['a.jks', true], ['a.keystore', true], ['a.pub', false],
    ['id_rsa', true], ['ID_ED25519', true], ['id_rsa.pub', false], ['kubeconfig', true], ['KubeConfig.yaml', true],
    ['/h/.kube/config', true], ['/h/kube/config', false], ['/h/.kube/cache', false], ['/h/config', false],
    ['/h/.docker/config.json', true], ['/h/docker/config.json', false], ['/h/.docker/daemon.json', false],
    ['/h/.aws/credentials', true], ['/h/.aws/config', false], ['/h/credentials', false],
    ['.netrc', true], ['.pgpass', true], ['.git-credentials', true], ['.htpasswd', true], ['.NETRC', true], ['netrc', false],
    ['Dockerfile', false], ['main.go', false],
  ])('%s: %s', (p, secret) => {
    expect(isSecretPath(p)).toBe(secret);
  });
});

describe('resolvePath', () => {
  const base = () => ({ cwd: proj, home: `${root}/home` });

  it('expands ~ and ~/, takes relative paths from cwd, applies .. lexically in literal and through links in canonical', () => {
    expect(resolvePath('~', base())).toEqual({ literal: `${root}/home`, canonical: `${root}/home` });
    expect(resolvePath('~/a/../b', base())).toEqual({ literal: `${root}/home/b`, canonical: `${root}/home/b` });
    expect(resolvePath('x/./y', base())).toEqual({ literal: `${proj}/x/y`, canonical: `${proj}/x/y` });
    expect(resolvePath('/a/../b', base())).toEqual({ literal: '/b', canonical: '/b' });
    expect(resolvePath('rel-link/deep/f', base())).toEqual({ literal: `${proj}/rel-link/deep/f`, canonical: `${proj}/real/deep/f` });
    expect(resolvePath('real/deep/../f', base())).toEqual({ literal: `${proj}/real/f`, canonical: `${proj}/real/f` });
    expect(() => resolvePath('deep-link/..', base())).toThrow(
      new PathResolutionError(`'deep-link/..': \`..\` after a symbolic link leads to ${proj}/real for the shell but ${proj} for the file tools; write the path without it`),
    );
  });

  it('refuses ~user, an empty path and a NUL byte with their own messages', () => {
    const err = (p: string) => {
      try {
        resolvePath(p, base());
      } catch (e) {
        expect(e).toBeInstanceOf(PathResolutionError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err('~root/x')).toBe("'~root/x': only '~' and '~/...' are understood");
    expect(err('~x')).toBe("'~x': only '~' and '~/...' are understood");
    expect(err('')).toBe('the path is empty');
    expect(err('a\0b')).toBe('the path holds a NUL byte');
    expect(err('x~')).toBe('no error');
  });
});

describe('realPathOf', () => {
  it('follows relative, absolute and chained links, keeps missing components as written, skips `.`', () => {
    expect(realPathOf(`${proj}/rel-link/deep/f`)).toBe(`${proj}/real/deep/f`);
    expect(realPathOf(`${proj}/abs-link/deep`)).toBe(`${proj}/real/deep`);
    expect(realPathOf(`${proj}/chain/f`)).toBe(`${proj}/real/deep/f`);
    expect(realPathOf(`${proj}/./real/./deep`)).toBe(`${proj}/real/deep`);
    expect(realPathOf(`${proj}/missing/rel-link/x`)).toBe(`${proj}/missing/rel-link/x`);
    expect(realPathOf(`${proj}/real/up2/proj/real`)).toBe(`${proj}/real`);
    expect(realPathOf('/')).toBe('/');
    expect(realPathOf('/..')).toBe('/');
    expect(realPathOf('//a//b/')).toBe('/a/b');
    expect(realPathOf(`${proj}/slashy/f`)).toBe(`${proj}/real/deep/f`);
    expect(realPathOf(`${proj}/root-link`)).toBe('/');
    expect(realPathOf(`${proj}/root-link/etc`)).toBe('/etc');
    expect(realPathOf(`${proj}/real/deep/f/x/../..`)).toBe(`${proj}/real/deep`);
  });

  it('stops after maxHops links', () => {
    expect(realPathOf(`${proj}/chain/f`, 2)).toBe(`${proj}/real/deep/f`);
    expect(() => realPathOf(`${proj}/chain/f`, 1)).toThrow(new PathResolutionError(`too many symbolic links in '${proj}/chain/f'`));
  });
});

describe('isInside and rootOf', () => {
  it('compare path components', () => {
    expect(isInside('/a/b', '/a')).toBe(true);
    expect(isInside('/a', '/a')).toBe(true);
    expect(isInside('/a/..b', '/a')).toBe(true);
    expect(isInside('/ab', '/a')).toBe(false);
    expect(isInside('/', '/a')).toBe(false);
    expect(isInside('/a/b', '/')).toBe(true);
    expect(isInside('/b', '/a')).toBe(false);
    expect(rootOf('/b/x', ['/a', '/b', '/'])).toBe('/b');
    expect(rootOf('/c/x', ['/a', '/b'])).toBeUndefined();
  });
});
