import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { JavaStack } from '../stack.js';
import { StackDetectionError, obj, str } from './errors.js';
import { projectName } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { scanSourceHints } from './source-hints.js';

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
  for (const f of ['src/main/resources/application.properties', 'src/main/resources/application.yml', 'src/main/resources/application.yaml']) {
    const text = await dir.readHint(f);
    const m = text && (/^server\.port\s*[=:]\s*(\d+)/m.exec(text) ?? /^server:\s*\n(?:\s+.*\n)*?\s+port:\s*(\d+)/m.exec(text));
    if (m) {
      port = Number(m[1]);
      dir.note(f, `server.port ${port}`);
      break;
    }
  }
  const hints = await scanSourceHints(dir, ['.java', '.kt']);
  port ??= hints.port?.value ?? (p.springBoot ? 8080 : undefined);
  const healthPath = p.actuator ? '/actuator/health' : hints.healthPath?.value;
  if (p.actuator) dir.note(p.buildFile, 'Spring Boot Actuator: /actuator/health');
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
    healthPath,
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
