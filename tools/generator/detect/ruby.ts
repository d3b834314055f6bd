import { FRAMEWORK_PORTS } from '../runtime-defaults.js';
import type { RubyStack } from '../stack.js';
import { projectName } from './names.js';
import type { ProjectDir } from './project-dir.js';
import { procfileWeb, scanSourceHints, simpleArgv } from './source-hints.js';
import { factFields } from './facts/apply.js';
import { rubyFacts } from './facts/ruby.js';
import { runtimeVersion } from './runtime-version.js';
import { exactVersion } from './version-spec.js';

export async function detectRuby(dir: ProjectDir): Promise<RubyStack | undefined> {
  const gemfile = await dir.read('Gemfile');
  if (gemfile === undefined) return undefined;
  dir.note('Gemfile', 'Ruby project (Bundler)');
  const lock = (await dir.readHint('Gemfile.lock')) ?? '';
  const gem = (name: string) => new RegExp(`^\\s*gem\\s+['"]${name}['"]`, 'm').test(gemfile) || new RegExp(`^    ${name} \\(`, 'm').test(lock);

  // Bundler refuses to run under another Ruby than the Gemfile's `ruby "x.y.z"`: use it exactly.
  let version: string | undefined;
  const gemfileRuby = /^\s*ruby\s+['"]([^'"]+)['"]/m.exec(gemfile)?.[1];
  const rubyVersionFile = await dir.readFirstLine('.ruby-version');
  const lockRuby = /RUBY VERSION\s+ruby (\d+\.\d+\.\d+)/.exec(lock)?.[1];
  for (const [spec, file] of [[gemfileRuby, 'Gemfile'], [rubyVersionFile?.replace(/^ruby-/, ''), '.ruby-version'], [lockRuby, 'Gemfile.lock']] as const) {
    if (!spec) continue;
    version = exactVersion(spec) ?? runtimeVersion('ruby', spec.replace(/^~>\s*/, '~'));
    if (version) {
      dir.note(file, `Ruby ${spec}`);
      break;
    }
  }

  const rails = gem('rails');
  const rack = (await dir.has('config.ru')) || gem('rack');
  const framework = rails ? 'rails' : gem('sinatra') ? 'sinatra' : undefined;
  if (framework) dir.note('Gemfile', `framework: ${framework}`);
  if (rack) dir.note('config.ru', 'Rack application');
  const facts = await rubyFacts(dir, rails);
  const hints = await scanSourceHints(dir, ['.rb'], ['config/puma.rb', 'app.rb']);
  let port = facts.listen?.port ?? hints.port?.value;
  if (port === undefined && framework) port = FRAMEWORK_PORTS[framework];
  const listen = port ?? 3000;

  const procfile = await procfileWeb(dir);
  let startCommand = procfile ? simpleArgv(procfile.replace(/\$\{?PORT\}?/g, String(listen))) : undefined;
  if (startCommand && startCommand[0] !== 'bundle') startCommand = ['bundle', 'exec', ...startCommand];
  if (!startCommand) {
    if (rails) startCommand = ['bundle', 'exec', 'rails', 'server', '-b', '0.0.0.0', '-p', String(listen)];
    else if (rack && gem('puma')) startCommand = ['bundle', 'exec', 'puma', '-b', `tcp://0.0.0.0:${listen}`, 'config.ru'];
    else if (rack) startCommand = ['bundle', 'exec', 'rackup', '--host', '0.0.0.0', '--port', String(listen), 'config.ru'];
    else if (await dir.has('app.rb')) startCommand = ['bundle', 'exec', 'ruby', 'app.rb'];
  }
  const fields = factFields(dir, facts, listen);
  // Sinatra binds localhost in development and 0.0.0.0 in production: its own switch is the environment.
  if (framework === 'sinatra' && !facts.listen?.host && startCommand?.includes('ruby')) {
    fields.bindFix = { env: { APP_ENV: 'production', RACK_ENV: 'production' }, why: 'APP_ENV=production makes Sinatra bind 0.0.0.0 (it binds localhost in development)' };
    dir.note('Gemfile', fields.bindFix.why);
  }

  return {
    language: 'ruby',
    packageManager: 'bundler',
    name: projectName(undefined, dir.root),
    version,
    lockfile: lock ? 'Gemfile.lock' : undefined,
    entrypoint: rack ? 'config.ru' : (await dir.has('app.rb')) ? 'app.rb' : undefined,
    port,
    ...fields,
    buildCommand: rails ? 'bundle exec rails assets:precompile' : undefined,
    startCommand,
    framework,
    isService: Boolean(rails || rack || framework || port !== undefined),
    rails,
    rack,
    evidence: dir.evidence,
  };
}
