/** Model aliases of agent definitions (`model: sonnet`) and `--model`, resolved to API ids. */

export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  sonnet: 'claude-sonnet-5-5',
  opus: 'claude-opus-5-5',
  haiku: 'claude-haiku-4-5',
};

/** What `model: inherit` and an absent `model` mean: there is no parent conversation to inherit from. */
export const DEFAULT_MODEL_ALIAS = 'sonnet';

/** Reserved for the built-in offline expert (no API call). */
export const OFFLINE_MODEL = 'offline';

export type ResolvedModel =
  | { kind: 'api'; id: string; alias?: string }
  | { kind: 'offline'; id: typeof OFFLINE_MODEL };

/**
 * `sonnet` -> `claude-sonnet-5-5` (or `DOCKER_EXPERT_MODEL_SONNET` when set), `inherit`/absent -> the sonnet alias,
 * `offline` -> the offline marker, anything else is taken as a full model id.
 */
export function resolveModel(model: string | undefined, env: NodeJS.ProcessEnv = process.env): ResolvedModel {
  const name = (model ?? '').trim();
  if (name === OFFLINE_MODEL) return { kind: 'offline', id: OFFLINE_MODEL };
  const alias = name === '' || name === 'inherit' ? DEFAULT_MODEL_ALIAS : name.toLowerCase();
  const table = MODEL_ALIASES[alias];
  if (table !== undefined) {
    const override = env[`DOCKER_EXPERT_MODEL_${alias.toUpperCase()}`]?.trim();
    return { kind: 'api', id: override || table, alias };
  }
  return { kind: 'api', id: name };
}
