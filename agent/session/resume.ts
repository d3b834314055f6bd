/** What a resumed session sends next: the rebuilt conversation, results for calls cut short, and the new message. */
import type { Message } from '../models/types.js';
import { appendUserText, interruptedResults, type RebuiltSession } from './rebuild.js';
import { SessionError, type JournalRecord } from './records.js';

/** Sent when a session resumes with no new message after a turn that ended without tool calls. */
export const RESUME_NOTE = 'The session was interrupted and has been resumed here. Continue the task from where it stopped.';

export interface ResumePlan {
  messages: Message[];
  /** The task the run works on (the new message, or the one in progress). */
  task: string;
  /** Index of the message holding the task's text. */
  taskStart: number;
  /** Records to journal before the run starts (they rebuild `messages` exactly). */
  records: JournalRecord[];
  notices: string[];
}

export function planResume(id: string, prior: RebuiltSession, newTask?: string): ResumePlan {
  const messages = [...prior.messages];
  const records: JournalRecord[] = [];
  const notices: string[] = [];
  if (prior.unanswered.length > 0) {
    const results = interruptedResults(prior.unanswered);
    messages.push(results);
    records.push({ type: 'user', message: results });
    const running = prior.unanswered.filter((u) => u.progress === 'running').length;
    notices.push(
      `session ${id}: ${prior.unanswered.length} tool call(s) of the last turn had no result (${running} was running when it stopped); the model is told they were interrupted, none runs again`,
    );
  }
  if (newTask !== undefined && newTask.trim() !== '') {
    const taskStart = appendUserText(messages, newTask);
    records.push({ type: 'task', text: newTask });
    return { messages, task: newTask, taskStart, records, notices };
  }
  if (prior.lastTask === undefined || messages.length === 0) throw new SessionError(`session ${id} has no task to resume`);
  if (prior.unanswered.length === 0 && prior.lastResult?.subtype === 'success') {
    throw new SessionError(`session ${id} already finished its task (success); give a new task to continue the conversation`);
  }
  if (messages.at(-1)?.role === 'assistant') {
    const note: Message = { role: 'user', content: [{ type: 'text', text: RESUME_NOTE }] };
    messages.push(note);
    records.push({ type: 'user', message: note });
  }
  return { messages, task: prior.lastTask, taskStart: prior.taskStart, records, notices };
}
