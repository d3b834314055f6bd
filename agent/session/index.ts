/** Sessions: every run journaled under `<cwd>/.docker-expert/sessions/<id>/`, listed, and resumable. */
export { listSessions, type SessionSummary } from './list.js';
export { DEFAULT_MAX_JOURNAL_BYTES, readJournal } from './read.js';
export { rebuildSession, type RebuiltSession } from './rebuild.js';
export { JOURNAL_FILE, META_FILE, SessionError, type SessionMeta } from './records.js';
export { RESUME_NOTE } from './resume.js';
export { loadSession, sessionsDirFor, startSession, type SessionStartOptions, type StartedSession } from './start-session.js';
export { currentWorkflowSteps } from './workflow-state.js';
