/**
 * Answers `ask` decisions by asking the person: y (this call), n (deny), a (always: this session, and the rule goes
 * to `.claude/settings.local.json`). End of input is a denial; Ctrl-C cancels the turn: the pending question and any
 * later one of the same turn answer `cancel` without asking.
 */
import type { Approver } from '../../permissions/types.js';
import { addAllowRule, allowRuleFor, SettingsWriteError } from './settings-local.js';
import { describe } from './render.js';

export interface ChatApproverOptions {
  cwd: string;
  /** Asks one question and returns the answer line (null: no answer). */
  ask(question: string): Promise<string | null>;
  say(line: string): void;
  /** Calls approved with "always" in this chat (tool + input), shared by every run of the session. */
  always: Set<string>;
  /** Unclear answers before the question counts as declined (default MAX_APPROVAL_ATTEMPTS). */
  maxAttempts?: number;
  /** Whether the person cancelled the turn in progress (Ctrl-C). */
  cancelled?: () => boolean;
}

/** Wrong answers before the question counts as declined. */
export const MAX_APPROVAL_ATTEMPTS = 3;

export function chatApprover(options: ChatApproverOptions): Approver {
  return async (req, decision) => {
    const key = `${req.toolName}\0${JSON.stringify(req.input)}`;
    if (options.always.has(key)) return 'allow';
    if (options.cancelled?.()) return 'cancel';
    // The whole call, never cut: a person approves exactly what will run.
    const call = describe(req.input).trim().replace(/\n/g, '\n      ');
    const question = `  ? Allow ${req.toolName} ${call}\n    (${decision.reason})\n    [y]es / [n]o / [a]lways: `;
    for (let attempt = 0; attempt < (options.maxAttempts ?? MAX_APPROVAL_ATTEMPTS); attempt++) {
      const answer = (await options.ask(question))?.trim().toLowerCase();
      if (answer === undefined && options.cancelled?.()) return 'cancel';
      if (answer === undefined) {
        options.say('    (no answer: denied)');
        return 'deny';
      }
      if (answer === 'y' || answer === 'yes') return 'allow';
      if (answer === 'n' || answer === 'no') return 'deny';
      if (answer === 'a' || answer === 'always') {
        options.always.add(key);
        remember(options, allowRuleFor(req, options.cwd));
        return 'always';
      }
      options.say('    please answer y, n or a');
    }
    options.say('    (no clear answer: denied)');
    return 'deny';
  };
}

function remember(options: ChatApproverOptions, rule: string | undefined): void {
  if (!rule) return options.say('    (approved for this session; no exact rule can describe this call, so nothing is saved)');
  try {
    const { file, added } = addAllowRule(options.cwd, rule);
    options.say(added ? `    (saved ${rule} to ${file})` : `    (${rule} is already in ${file})`);
  } catch (err) {
    if (!(err instanceof SettingsWriteError)) throw err;
    options.say(`    (approved for this session only; the rule was not saved: ${err.message})`);
  }
}
