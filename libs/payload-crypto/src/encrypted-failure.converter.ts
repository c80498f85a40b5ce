import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failures (an activity's error, a refused Update's message, their stack traces) are stored in the
 * history as text, outside the payloads, unless the failure converter moves message and stack trace
 * into `encodedAttributes`, a payload the encryption codec then covers (issue 5 §3: the Temporal
 * database and UI show no child data in clear; docs.temporal.io/failure-converter). The server and UI
 * then show "Encoded failure"; a client with the keys decodes the original message.
 *
 * Loaded by path (ENCRYPTED_FAILURE_CONVERTER_PATH) in three places that must agree: the clients, the
 * worker's activities, and the workflow bundle (the sandbox has its own copy). It imports nothing
 * Node-specific, so it may be bundled into the sandbox.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
