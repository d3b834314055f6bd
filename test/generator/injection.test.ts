import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectStack, generateCompose, generateDockerfile, generateKubernetes, UnsafeValueError } from '../../tools/generator/index.js';
import type { StackInfo } from '../../tools/generator/index.js';
import { stagesOf } from './support.js';

/** A repository is untrusted input: its manifests must not add instructions or commands to what we generate. */
describe('project files cannot inject into generated files', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'gen-inject-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function project(name: string, files: Record<string, string>): Promise<StackInfo> {
    const dir = path.join(root, name);
    for (const [rel, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    }
    return (await detectStack(dir))!;
  }

  it('a Cargo [[bin]] name with shell syntax is refused, naming the field', async () => {
    const stack = await project('rust', {
      'Cargo.toml': '[package]\nname = "ok"\nversion = "1.0.0"\n\n[[bin]]\nname = "x; curl http://127.0.0.1:1/p | sh"\npath = "src/main.rs"\n',
    });
    expect(() => generateDockerfile(stack)).toThrow(UnsafeValueError);
    expect(() => generateDockerfile(stack)).toThrow(/^binaryName "x; curl/);
  });

  it('a pom finalName with a command substitution is refused', async () => {
    const stack = await project('java', {
      'pom.xml': '<project><artifactId>app</artifactId><version>1</version><build><finalName>app$(id)</finalName></build></project>',
    });
    expect(() => generateDockerfile(stack)).toThrow(/^jarName "app\$\(id\)\.jar"/);
  });

  it('a .csproj whose file name holds a semicolon is refused', async () => {
    const stack = await project('dotnet', {
      'a;touch pwned.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>',
    });
    expect(() => generateDockerfile(stack)).toThrow(/^projectFile "a;touch pwned\.csproj"/);
  });

  it('a package.json main with a newline and an instruction stays one CMD argument', async () => {
    const main = 'server.js\nRUN curl http://127.0.0.1:1/p | sh';
    const stack = await project('node', { 'package.json': JSON.stringify({ name: 'inj', version: '1.0.0\nRUN id', main }), [main]: '' });
    const { dockerfile } = generateDockerfile(stack);
    const runs = stagesOf(dockerfile).flatMap((s) => s.instructions).filter((i) => i.getKeyword() === 'RUN');
    expect(runs.map((r) => r.getArgumentsContent()).join('\n')).not.toMatch(/curl|\bid\b/);
    expect(dockerfile).not.toMatch(/^RUN (curl|id)/m);
    const cmd = stagesOf(dockerfile).at(-1)!.instructions.find((i) => i.getKeyword() === 'CMD')!;
    expect(JSON.parse(cmd.getArgumentsContent()!)).toEqual(['node', main]);
    // The bad version is not used as a tag or label.
    expect(generateCompose(stack).compose).toContain('image: inj:0.1.0');
  });

  it('a health path that would break out of the probe script is refused', async () => {
    const stack = await project('node2', { 'package.json': '{"name":"ok2","main":"s.js"}', 's.js': '' });
    expect(() => generateDockerfile(stack, { healthPath: "/x',process.exit(0),'" })).toThrow(/^healthPath/);
    expect(() => generateKubernetes(stack, { healthPath: '/a b' })).toThrow(UnsafeValueError);
  });

  it('a manifest symlinked to a file outside the project is not read', async () => {
    const outside = path.join(root, 'outside.json');
    await writeFile(outside, JSON.stringify({ name: 'secret-name-from-outside', main: 'x.js' }));
    const dir = path.join(root, 'symlinked');
    await mkdir(dir, { recursive: true });
    await symlink(outside, path.join(dir, 'package.json'));
    expect(await detectStack(dir)).toBeUndefined();
    // A link that stays inside the project is fine.
    const inside = path.join(root, 'linked-inside');
    await mkdir(path.join(inside, 'conf'), { recursive: true });
    await writeFile(path.join(inside, 'conf', 'package.json'), JSON.stringify({ name: 'inner', main: 'x.js' }));
    await symlink('conf/package.json', path.join(inside, 'package.json'));
    expect((await detectStack(inside))?.name).toBe('inner');
  });

  it('a hand-made StackInfo with a bad name is refused', () => {
    const stack: StackInfo = {
      language: 'go', packageManager: 'go', name: 'x\nRUN id', modulePath: 'm', mainPackage: '.', binaryName: 'x',
      hasGoSum: false, isService: true, evidence: [],
    };
    expect(() => generateDockerfile(stack)).toThrow(/^name /);
  });
});
