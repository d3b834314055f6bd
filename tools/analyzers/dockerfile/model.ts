import { DockerfileParser, From, Instruction, Onbuild, Run } from 'dockerfile-ast';
import type { Dockerfile } from 'dockerfile-ast';
import { SourceText } from './source.js';
import { runSource } from './shell/script.js';
import type { ExecSource, ShellSource } from './shell/script.js';
import { emptyAnalysis, parseShell } from './shell/parser.js';
import type { ParseShellOptions } from './shell/parser.js';
import type { ShellAnalysis, ShellCommand } from './shell/types.js';

export interface Instr {
  node: Instruction;
  /** Upper-case keyword (`RUN`), also for ONBUILD triggers. */
  keyword: string;
  /** 1-based line and column of the instruction start. */
  line: number;
  column: number;
  start: number;
  end: number;
  stage: Stage | undefined;
  /** Set on the trigger instruction of an `ONBUILD`. */
  onbuild?: Instr;
}

export interface Stage {
  index: number;
  from: Instr & { node: From };
  /** `AS name` as written. */
  name?: string;
  /** The earlier stage this one builds on (`FROM build`), resolved. */
  parent?: Stage;
  /** Image reference as written (`node:20`), or the stage name it refers to. */
  image: string;
  instructions: Instr[];
  isFinal: boolean;
}

export interface RunShell {
  instr: Instr;
  source: ShellSource | ExecSource;
  analysis: ShellAnalysis;
  /** Script offset -> file offset. */
  toFile(offset: number): number;
  /** Edits on the script map exactly onto the file. */
  exact: boolean;
  /** Script text (shell form) or the exec argv joined by spaces. */
  script: string;
}

export interface ModelOptions extends ParseShellOptions {}

/** The parsed Dockerfile with stages resolved and RUN bodies analysed lazily. */
export class DockerfileModel {
  readonly src: SourceText;
  readonly doc: Dockerfile;
  readonly instructions: Instr[] = [];
  /** Instructions and ONBUILD triggers, in file order. */
  readonly all: Instr[] = [];
  readonly stages: Stage[] = [];
  readonly escapeChar: string;
  private runCache?: RunShell[];

  constructor(
    readonly text: string,
    private readonly opts: ModelOptions = {},
  ) {
    this.src = new SourceText(text);
    this.doc = DockerfileParser.parse(text);
    this.escapeChar = this.doc.getEscapeCharacter();
    let stage: Stage | undefined;
    const byName = new Map<string, Stage>();
    for (const node of this.doc.getInstructions()) {
      const instr = this.instr(node, undefined);
      if (node instanceof From) {
        const image = node.getImage() ?? '';
        const name = node.getBuildStage() ?? undefined;
        stage = {
          index: this.stages.length,
          from: instr as Instr & { node: From },
          name,
          parent: byName.get(image.toLowerCase()),
          image,
          instructions: [],
          isFinal: false,
        };
        this.stages.push(stage);
        if (name && !byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), stage);
      }
      instr.stage = stage;
      stage?.instructions.push(instr);
      this.instructions.push(instr);
      this.all.push(instr);
      if (node instanceof Onbuild) {
        const trigger = node.getTriggerInstruction();
        if (trigger) this.all.push(this.instr(trigger, stage, instr));
      }
    }
    if (this.stages.length) this.stages[this.stages.length - 1].isFinal = true;
  }

  get finalStage(): Stage | undefined {
    return this.stages[this.stages.length - 1];
  }

  stageByName(name: string): Stage | undefined {
    const lower = name.toLowerCase();
    return this.stages.find((s) => s.name?.toLowerCase() === lower);
  }

  /** The chain of stages a stage builds on, itself first. */
  lineage(stage: Stage): Stage[] {
    const out: Stage[] = [];
    for (let s: Stage | undefined = stage; s && !out.includes(s); s = s.parent) out.push(s);
    return out;
  }

  /** Every RUN (and ONBUILD RUN) with its shell analysis; parsed once per model. */
  runs(): RunShell[] {
    if (this.runCache) return this.runCache;
    const out: RunShell[] = [];
    const nonPosix = new Set<Stage | undefined>();
    for (const instr of this.all) {
      if (instr.keyword === 'FROM') {
        // A stage built on a PowerShell stage keeps that shell.
        if (instr.stage?.parent && nonPosix.has(instr.stage.parent)) nonPosix.add(instr.stage);
      }
      if (instr.keyword === 'SHELL' && !instr.onbuild) {
        const shell = (instr.node as Run).getJSONStrings().map((s) => s.getJSONValue())[0] ?? '';
        if (/pwsh|powershell|cmd(\.exe)?$/i.test(shell)) nonPosix.add(instr.stage);
        else nonPosix.delete(instr.stage);
      }
      if (instr.keyword !== 'RUN' || !(instr.node instanceof Run)) continue;
      const source = runSource(instr.node, this.src, this.escapeChar);
      if (!source) continue;
      if (source.kind === 'exec') {
        out.push(this.execRun(instr, source));
        continue;
      }
      const analysis = nonPosix.has(instr.stage) ? emptyAnalysis('non-POSIX shell') : parseShell(source.script, this.opts);
      out.push({ instr, source, analysis, toFile: (o) => source.map.toFile(o), exact: source.exact, script: source.script });
    }
    this.runCache = out;
    return out;
  }

  /** 1-based line/column of a file offset. */
  lineCol(offset: number): { line: number; column: number } {
    const p = this.src.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  }

  private execRun(instr: Instr, source: ExecSource): RunShell {
    const words = source.argv.map((a) => ({ value: a.value, raw: a.value, start: a.start, end: a.end, literal: true }));
    const script = source.argv.map((a) => a.value).join(' ');
    // ["sh", "-c", "script"]: the script is shell; positions map into the JSON string (approximately, escapes aside).
    const shell = words[0] && SHELLS.test(words[0].value) && words.length >= 3 && /^-[a-z]*c$/.test(words[1].value) ? words[2] : undefined;
    if (shell) {
      const analysis = parseShell(shell.value, this.opts);
      const base = shell.start + 1;
      return { instr, source, analysis, toFile: (o) => Math.min(base + o, shell.end), exact: false, script: shell.value };
    }
    const analysis = emptyAnalysis();
    if (words.length) {
      const cmd: ShellCommand = {
        name: words[0].value.slice(words[0].value.lastIndexOf('/') + 1),
        nameWord: words[0],
        args: words.slice(1),
        assignments: [],
        start: words[0].start,
        end: words[words.length - 1].end,
      };
      analysis.commands.push(cmd);
      analysis.statements.push([{ start: cmd.start, end: cmd.end, command: 0 }]);
    }
    return { instr, source, analysis, toFile: (o) => o, exact: false, script };
  }

  private instr(node: Instruction, stage: Stage | undefined, onbuild?: Instr): Instr {
    memoize(node);
    const range = node.getRange();
    const [start, end] = this.src.rangeOffsets(range);
    return {
      node,
      keyword: node.getKeyword().toUpperCase(),
      line: range.start.line + 1,
      column: range.start.character + 1,
      start,
      end,
      stage,
      onbuild,
    };
  }
}

const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:ba|da|a|z|k)?sh$/;

/** dockerfile-ast recomputes these on every call (re-scanning the text); rules call them many times. */
const MEMOIZED = ['getArguments', 'getArgumentsContent', 'getRawArgumentsContent', 'getHeredocs', 'getFlags', 'getProperties', 'getJSONStrings', 'getExpandedArguments', 'getImage', 'getBuildStage', 'getPlatformFlag'] as const;

function memoize(node: Instruction): void {
  const target = node as unknown as Record<string, unknown>;
  for (const name of MEMOIZED) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    let cached: unknown;
    let done = false;
    target[name] = function (this: unknown) {
      if (!done) {
        cached = (original as () => unknown).call(node);
        done = true;
      }
      return cached;
    };
  }
}
