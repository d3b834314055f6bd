import { DEFAULT_RUNTIME_VERSIONS, KNOWN_RUNTIME_LINES } from '../runtime-defaults.js';
import type { Language } from '../stack.js';
import { chooseVersion } from './version-spec.js';

/** The runtime version for a project's constraint (see chooseVersion), with the language's defaults. */
export function runtimeVersion(language: Language, spec: string): string | undefined {
  return chooseVersion(spec, DEFAULT_RUNTIME_VERSIONS[language], KNOWN_RUNTIME_LINES[language]);
}
