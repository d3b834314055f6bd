/**
 * What a message asks for: the task (its text parts) and where its files come from (a `.tar.gz` raw part, a data
 * part `{"workspace": {"path": P}}` or `{"workspace": {"git": URL, "ref": REF}}`). Throws WorkspaceError for a message that cannot be run, with the reason.
 */
import type { Message } from '@a2a-js/sdk';
import { WorkspaceError } from './workspace.js';

export type WorkspaceSource = { kind: 'archive'; data: Buffer; name: string } | { kind: 'path'; path: string } | { kind: 'git'; url: string; ref?: string } | { kind: 'continue' };

export interface TaskInput {
  text: string;
  workspace: WorkspaceSource;
}

const GZIP_TYPES = new Set(['application/gzip', 'application/x-gzip', 'application/tar+gzip', 'application/x-tar+gzip', 'application/x-compressed-tar']);

function isArchive(filename: string, mediaType: string): boolean {
  return GZIP_TYPES.has(mediaType.toLowerCase()) || /\.(tar\.gz|tgz)$/i.test(filename);
}

/** `followUp`: the message continues a conversation on its earlier task's copy, so it brings no workspace. */
export function readTaskInput(message: Message, followUp = false): TaskInput {
  const texts: string[] = [];
  const workspaces: WorkspaceSource[] = [];
  for (const part of message.parts) {
    const c = part.content;
    if (!c) continue;
    if (c.$case === 'text') texts.push(c.value);
    else if (c.$case === 'raw') {
      if (!isArchive(part.filename, part.mediaType)) {
        throw new WorkspaceError(`file part '${part.filename || '(no name)'}' (${part.mediaType || 'no media type'}) is not a .tar.gz; send the project as a gzipped tar (media type application/gzip or a name ending in .tar.gz)`);
      }
      workspaces.push({ kind: 'archive', data: Buffer.from(c.value), name: part.filename || 'workspace.tar.gz' });
    } else if (c.$case === 'url') {
      throw new WorkspaceError('file parts by URL are not fetched; send the project as a .tar.gz raw part or {"workspace": {"path": P}}');
    } else if (c.$case === 'data') {
      const ws = (c.value as { workspace?: unknown } | undefined)?.workspace;
      if (ws === undefined) continue;
      const { path: p, git, ref, ...rest } = (ws ?? {}) as { path?: unknown; git?: unknown; ref?: unknown };
      const shape = 'a workspace data part is {"workspace": {"path": "<folder under --workspace-root>"}} or {"workspace": {"git": "<URL>", "ref": "<branch, tag or commit>"}}';
      if (typeof ws !== 'object' || ws === null || Object.keys(rest).length > 0) throw new WorkspaceError(shape);
      if (git !== undefined) {
        if (typeof git !== 'string' || git === '' || p !== undefined || (ref !== undefined && (typeof ref !== 'string' || ref === ''))) throw new WorkspaceError(shape);
        workspaces.push({ kind: 'git', url: git, ...(ref !== undefined ? { ref: ref as string } : {}) });
        continue;
      }
      if (typeof p !== 'string' || p === '' || ref !== undefined) throw new WorkspaceError(shape);
      workspaces.push({ kind: 'path', path: p });
    }
  }
  const text = texts.join('\n').trim();
  if (!text) throw new WorkspaceError('the message has no text part: say what the agent should do (e.g. "Containerize this app")');
  if (followUp) {
    if (workspaces.length > 0) throw new WorkspaceError('this message continues an earlier task of its contextId on that task\'s copy of the project: send it without a workspace (or start a new conversation without that contextId)');
    return { text, workspace: { kind: 'continue' } };
  }
  if (workspaces.length === 0) throw new WorkspaceError('the message has no workspace: add the project as a .tar.gz raw part or a data part {"workspace": {"path": P}}');
  if (workspaces.length > 1) throw new WorkspaceError('the message has more than one workspace; send exactly one');
  return { text, workspace: workspaces[0]! };
}
