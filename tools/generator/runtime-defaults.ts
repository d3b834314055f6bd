import type { Language } from './stack.js';

/**
 * Runtime versions used when a project states none (or states a range they satisfy). Each is a
 * supported release line whose official image tags exist; bump them here, in one place.
 */
export const DEFAULT_RUNTIME_VERSIONS: Record<Language, string> = {
  node: '22',
  python: '3.12',
  go: '1.24',
  java: '21',
  rust: '1.85',
  dotnet: '8.0',
  php: '8.3',
  ruby: '3.3',
};

/** Release lines with official images, newest first: tried in order when the default does not fit a range. */
export const KNOWN_RUNTIME_LINES: Record<Language, readonly string[]> = {
  node: ['24', '22', '20', '18', '16'],
  python: ['3.13', '3.12', '3.11', '3.10', '3.9', '3.8'],
  go: ['1.25', '1.24', '1.23', '1.22', '1.21'],
  java: ['25', '21', '17', '11', '8'],
  rust: ['1.85'],
  dotnet: ['9.0', '8.0', '6.0'],
  php: ['8.4', '8.3', '8.2', '8.1', '8.0', '7.4'],
  ruby: ['3.4', '3.3', '3.2', '3.1', '3.0'],
};

/** Port assumed when neither code, config nor framework says one. */
export const DEFAULT_PORTS: Record<Language, number> = {
  node: 3000,
  python: 8000,
  go: 8080,
  java: 8080,
  rust: 8080,
  dotnet: 8080,
  php: 8080,
  ruby: 3000,
};

/** Where a framework listens unless told otherwise. */
export const FRAMEWORK_PORTS: Record<string, number> = {
  next: 3000,
  express: 3000,
  fastify: 3000,
  koa: 3000,
  nestjs: 3000,
  nuxt: 3000,
  flask: 5000,
  django: 8000,
  fastapi: 8000,
  'spring-boot': 8080,
  aspnetcore: 8080,
  rails: 3000,
  sinatra: 4567,
};

/** Health path assumed when the code shows none (the generated notes say so). */
export const DEFAULT_HEALTH_PATH = '/health';
