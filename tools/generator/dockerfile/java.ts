import type { ContainerPlan } from '../plan.js';
import { DEFAULT_RUNTIME_VERSIONS } from '../runtime-defaults.js';
import type { JavaStack } from '../stack.js';
import { planOf, writableSetup, type PlanContext } from './context.js';
import { dockerfileText, envLine, header, labels, runWithCaches, runtimeTail } from './instructions.js';
import { safeToken } from './safe-values.js';

/** Build tool images used when the project has no wrapper script. */
export const MAVEN_IMAGE_LINE = '3.9';
export const GRADLE_IMAGE_LINE = '8.12';

/** Copy the runnable jar to /build/app.jar: the predicted name, else the one jar that is not a plain/sources/javadoc jar. */
function collectJar(dir: string, jarName: string | undefined): string {
  if (jarName) return `cp ${dir}/${jarName} /build/app.jar`;
  return `find ${dir} -maxdepth 1 -name '*.jar' ! -name '*-plain.jar' ! -name '*-sources.jar' ! -name '*-javadoc.jar' ! -name 'original-*' -exec cp {} /build/app.jar ';'`;
}

export function javaPlan(stack: JavaStack, ctx: PlanContext): ContainerPlan {
  const version = stack.version ?? DEFAULT_RUNTIME_VERSIONS.java;
  if (stack.jarName) safeToken(stack.jarName, 'jarName');
  for (const f of stack.buildFiles ?? []) safeToken(f, 'buildFiles');
  const maven = stack.packageManager === 'maven';
  const description = `a Java (${stack.packageManager}) project`;
  let image: string;
  let tool: string;
  let cache: string;
  let manifests: string[];
  if (maven) {
    image = stack.hasWrapper ? `eclipse-temurin:${version}-jdk` : `maven:${MAVEN_IMAGE_LINE}-eclipse-temurin-${version}`;
    tool = stack.hasWrapper ? './mvnw' : 'mvn';
    cache = '/root/.m2';
    manifests = ['pom.xml'];
  } else {
    image = stack.hasWrapper ? `eclipse-temurin:${version}-jdk` : `gradle:${GRADLE_IMAGE_LINE}-jdk${version}`;
    tool = stack.hasWrapper ? './gradlew' : 'gradle';
    cache = stack.hasWrapper ? '/root/.gradle' : '/home/gradle/.gradle';
    const ext = stack.kotlinDsl ? '.kts' : '';
    manifests = [`build.gradle${ext}`, ...(stack.buildFiles ?? []).filter((f) => f.startsWith('settings.gradle'))];
  }
  const present = new Set(stack.buildFiles ?? []);
  const wrapperDir = maven ? '.mvn' : 'gradle';
  const wrapper = stack.hasWrapper
    ? [`COPY --chmod=0755 ${maven ? 'mvnw' : 'gradlew'} ./`, ...(present.has(wrapperDir) ? [`COPY ${wrapperDir} ./${wrapperDir}`] : [])]
    : [];
  const resolve = maven ? `${tool} -B -q dependency:go-offline -DskipTests` : `${tool} --no-daemon -q dependencies`;
  const pack = maven
    ? `${tool} -B -q package -DskipTests && ${collectJar('target', stack.jarName)}`
    : `${tool} --no-daemon -q build -x test && ${collectJar('build/libs', stack.jarName)}`;

  const build = [
    `FROM ${ctx.buildImage(image)} AS build`,
    'WORKDIR /build',
    ...wrapper,
    `COPY ${manifests.join(' ')} ./`,
    runWithCaches([cache], resolve),
    'COPY . .',
    runWithCaches([cache], pack),
  ];
  const probe = ctx.probe('bash');
  const env: Record<string, string> = {};
  if (ctx.port !== undefined) env.PORT = String(ctx.port);
  if (ctx.port !== undefined && stack.framework === 'spring-boot') env.SERVER_PORT = String(ctx.port);
  Object.assign(env, ctx.appEnv);
  const start = ['java', '-XX:MaxRAMPercentage=75', '-XX:+ExitOnOutOfMemoryError', '-jar', '/app/app.jar'];
  const runtime = [
    `FROM ${ctx.runtimeImage(`eclipse-temurin:${version}-jre`)} AS runtime`,
    labels(stack, description),
    envLine(env),
    'WORKDIR /app',
    'COPY --from=build /build/app.jar /app/app.jar',
    writableSetup(ctx, '/app'),
    ...runtimeTail({ uid: ctx.uid, port: ctx.port, probe, startSeconds: 40, start: [...start, ...ctx.startArgs], useEntrypoint: true }),
  ];
  const notes: string[] = [];
  if (!stack.jarName) notes.push('The jar name could not be predicted: the build copies the single runnable jar it finds; check it.');
  if (maven) notes.push('Multi-module Maven builds need every module\'s pom.xml copied before `dependency:go-offline`.');
  return planOf(stack, ctx, {
    dockerfile: dockerfileText([header(stack, description), build, runtime]),
    ignore: ['target', 'build', '**/.gradle', 'out', '**/*.class', '**/.settings', '**/.project', '**/.classpath'],
    healthcheck: probe,
    env,
    memoryMiB: 1024,
    startSeconds: 40,
    notes,
  });
}
