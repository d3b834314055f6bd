/**
 * The part of @anthropic-ai/sdk a run uses: the base client with only the Messages resource, and the error classes.
 * The package's default export attaches every resource (beta, organization, files, skills, ...): bundled, that is
 * 1.1 MB to compile before the first request; this is about a third of it (the bundler drops what is not reached).
 */
import { BaseAnthropic } from '@anthropic-ai/sdk/client';
import { Messages } from '@anthropic-ai/sdk/resources/messages/messages';

export { AnthropicError, APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk/error';

export class MessagesClient extends BaseAnthropic {
  /** As the full client sets it (the Messages resource reads it). */
  _supportsMessageThreads = true;
  messages: Messages = new Messages(this);
}
