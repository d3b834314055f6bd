import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { JavaStack } from '../stack.js';
import { StackDetectionError, obj, str } from './errors.js';
import { projectName } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { scanSourceHints } from './source-hints.js';
import { factFields } from './facts/apply.js';
import { javaFacts } from './facts/java.js';

const BUILD_FILES = ['pom.xml', 'mvnw', '.mvn', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'gradlew', 'gradle'];

export function parseXmlFile(text: string, file: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new StackDetectionError(file, `invalid XML: ${valid.err.msg}`, valid.err.line);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false }).parse(text);
}

export async function detectJava(dir: ProjectDir): Promise<JavaStack | undefined> {
  const pomText = await dir.read('pom.xml');
  if (pomText !== undefined) return fromMaven(dir, pomText);
  for (const file of ['build.gradle.kts', 'build.gradle']) {
    const text = await dir.read(file);
    if (text !== undefined) return fromGradle(dir, file, text);
  }
  return undefined;
}

async function fromMaven(dir: ProjectDir, text: string): Promise<JavaStack> {
  const project = obj(parseXmlFile(text, 'pom.xml'), 'project');
  if (!project) throw new StackDetectionError('pom.xml', 'no <project> element', 1);
  dir.note('pom.xml', 'Maven project');
  const props = obj(project, 'properties') ?? {};
  let version: string | undefined;
  for (const key of ['maven.compiler.release', 'java.version', 'maven.compiler.target', 'maven.compiler.source']) {
    const v = str(props, key)?.trim().replace(/^1\./, '');
    if (v && /^\d+$/.test(v)) {
      version = v;
      dir.note('pom.xml', `<${key}>${v}</${key}>`);
      break;
    }
  }
  const artifactId = str(project, 'artifactId');
  const appVersion = str(project, 'version');
  const finalName = str(project, 'build', 'finalName');
  const packaging = str(project, 'packaging') ?? 'jar';
  const jarName = packaging === 'jar' && artifactId && !/\$\{/.test(`${finalName ?? appVersion ?? ''}`)
    ? `${finalName ?? `${artifactId}${appVersion ? `-${appVersion}` : ''}`}.jar`
    : undefined;
  if (jarName) dir.note('pom.xml', `artifact ${jarName}`);

  const springBoot = str(project, 'parent', 'artifactId') === 'spring-boot-starter-parent' || text.includes('spring-boot-maven-plugin');
  const actuator = text.includes('spring-boot-starter-actuator');
  return finish(dir, {
    packageManager: 'maven',
    name: projectName(artifactId, dir.root),
    appVersion,
    version,
    jarName,
    springBoot,
    actuator,
    hasWrapper: await dir.has('mvnw'),
    buildFile: 'pom.xml',
  });
}

async function fromGradle(dir: ProjectDir, file: string, text: string): Promise<JavaStack> {
  dir.note(file, 'Gradle project');
  const m = /JavaLanguageVersion\.of\(\s*(\d+)\s*\)/.exec(text)
    ?? /JavaVersion\.VERSION_(?:1_)?(\d+)/.exec(text)
    ?? /(?:source|target)Compatibility\s*=\s*['"]?(?:1\.)?(\d+)/.exec(text);
  const version = m?.[1];
  if (version) dir.note(file, `Java ${version} (${m[0]})`);
  const settings = (await dir.readHint('settings.gradle.kts')) ?? (await dir.readHint('settings.gradle')) ?? '';
  const rootName = /rootProject\.name\s*=\s*['"]([^'"]+)['"]/.exec(settings)?.[1];
  const appVersion = /^version\s*=\s*['"]([^'"]+)['"]/m.exec(text)?.[1];
  return finish(dir, {
    packageManager: 'gradle',
    name: projectName(rootName, dir.root),
    appVersion,
    version,
    // Gradle names the jar after the project folder unless settings say otherwise: predicted only when declared.
    jarName: rootName ? `${rootName}${appVersion ? `-${appVersion}` : ''}.jar` : undefined,
    springBoot: text.includes('org.springframework.boot'),
    actuator: text.includes('spring-boot-starter-actuator'),
    hasWrapper: await dir.has('gradlew'),
    kotlinDsl: file.endsWith('.kts'),
    buildFile: file,
  });
}

async function finish(
  dir: ProjectDir,
  p: {
    packageManager: 'maven' | 'gradle'; name: string; appVersion?: string; version?: string; jarName?: string;
    springBoot: boolean; actuator: boolean; hasWrapper: boolean; kotlinDsl?: boolean; buildFile: string;
  },
): Promise<JavaStack> {
  if (p.springBoot) dir.note(p.buildFile, 'framework: spring-boot');
  let port: number | undefined;
  const properties = await springProperties(dir);
  const serverPort = properties['server.port'];
  if (serverPort && /^\d+$/.test(serverPort)) {
    port = Number(serverPort);
    dir.note('src/main/resources', `server.port ${port}`);
  }
  const hints = await scanSourceHints(dir, ['.java', '.kt']);
  port ??= hints.port?.value ?? (p.springBoot ? 8080 : undefined);
  if (p.actuator) dir.note(p.buildFile, 'Spring Boot Actuator: /actuator/health');
  const facts = await javaFacts(dir, { actuator: p.actuator, properties });
  const address = properties['server.address'];
  if (address && /^(localhost|127\.0\.0\.1)$/.test(address)) {
    facts.listen = { host: address, hostEnv: 'SERVER_ADDRESS', port, localOnly: true, why: `server.address=${address}`, file: 'src/main/resources', line: 1 };
  }
  const buildFiles: string[] = [];
  for (const f of BUILD_FILES) if (await dir.has(f)) buildFiles.push(f);
  const buildCommand = p.packageManager === 'maven' ? 'mvn -B package -DskipTests' : 'gradle build -x test';
  return {
    language: 'java',
    packageManager: p.packageManager,
    name: p.name,
    appVersion: p.appVersion,
    version: p.version,
    lockfile: p.packageManager === 'gradle' && (await dir.has('gradle.lockfile')) ? 'gradle.lockfile' : undefined,
    entrypoint: p.jarName,
    port,
    ...factFields(dir, facts, port),
    buildCommand,
    startCommand: ['java', '-jar', '/app/app.jar'],
    framework: p.springBoot ? 'spring-boot' : undefined,
    isService: p.springBoot || port !== undefined || Boolean(hints.healthPath),
    jarName: p.jarName,
    hasWrapper: p.hasWrapper,
    kotlinDsl: p.kotlinDsl,
    buildFiles,
    evidence: dir.evidence,
  };
}

/** Spring Boot's application.properties / .yml, flattened to dotted keys (`server.port`); `${X:8080}` keeps its default. */
async function springProperties(dir: ProjectDir): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const props = await dir.readHint('src/main/resources/application.properties');
  for (const line of (props ?? '').split(/\r?\n/)) {
    const m = /^\s*([\w.-]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (m && !line.trim().startsWith('#')) out[m[1]] = m[2].replace(/^\$\{[^:}]*:([^}]*)\}$/, '$1');
  }
  for (const f of ['src/main/resources/application.yml', 'src/main/resources/application.yaml']) {
    const text = await dir.readHint(f);
    if (!text) continue;
    const stack: { indent: number; key: string }[] = [];
    for (const line of text.split(/\r?\n/)) {
      if (/^\s*(#|---|$)/.test(line)) continue;
      const m = /^(\s*)([\w.-]+)\s*:\s*(.*?)\s*$/.exec(line);
      if (!m) continue;
      const indent = m[1].length;
      while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
      stack.push({ indent, key: m[2] });
      if (m[3] && !m[3].startsWith('#')) out[stack.map((s) => s.key).join('.')] ??= m[3].replace(/^["']|["']$/g, '').replace(/^\$\{[^:}]*:([^}]*)\}$/, '$1');
    }
  }
  return out;
}
