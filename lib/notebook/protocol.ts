/**
 * The Jupyter messaging protocol (version 5.3) on the wire: message headers, HMAC-SHA256
 * signing and the multipart frame layout that kernels and clients exchange over ZeroMQ.
 *
 * A message travels as the frames
 * `[...identities, "<IDS|MSG>", signature, header, parent_header, metadata, content,
 * ...buffers]`, where the four dicts are JSON and the signature is the hex HMAC-SHA256 of
 * those four frames, keyed with the connection file's `key`.
 *
 * @module
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

/** The protocol version this client speaks. */
export const PROTOCOL_VERSION = "5.3";

/** The frame that separates routing identities from the message. */
export const DELIMITER = "<IDS|MSG>";

/** A message header (`msg_id` is unique per message, `session` per client). */
export interface MessageHeader {
  msg_id: string;
  session: string;
  username: string;
  /** ISO 8601 timestamp. */
  date: string;
  msg_type: string;
  version: string;
}

/** A decoded Jupyter message. */
export interface JupyterMessage<C = Record<string, unknown>> {
  header: MessageHeader;
  /** The header of the request this message answers, or `{}`. */
  parent_header: Partial<MessageHeader>;
  metadata: Record<string, unknown>;
  content: C;
  /** Binary buffers after the content frame (rarely used). */
  buffers: Uint8Array[];
}

/** Builds a fresh header for a message of type `msgType` in `session`. */
export function makeHeader(msgType: string, session: string): MessageHeader {
  return {
    msg_id: randomUUID(),
    session,
    username: "rl-course",
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}

/** Builds a request message (empty parent header and metadata). */
export function makeMessage<C extends Record<string, unknown>>(
  msgType: string,
  content: C,
  session: string,
): JupyterMessage<C> {
  return {
    header: makeHeader(msgType, session),
    parent_header: {},
    metadata: {},
    content,
    buffers: [],
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The hex HMAC-SHA256 of `parts` keyed with `key`; the empty string when `key` is empty
 * (the protocol's "signing disabled").
 */
export function sign(key: string, parts: Uint8Array[]): string {
  if (key === "") return "";
  const hmac = createHmac("sha256", key);
  for (const part of parts) hmac.update(part);
  return hmac.digest("hex");
}

/** Serialises `message` into the frames that follow any routing identities. */
export function encodeMessage(message: JupyterMessage, key: string): Uint8Array[] {
  const parts = [message.header, message.parent_header, message.metadata, message.content]
    .map((part) => encoder.encode(JSON.stringify(part)));
  return [
    encoder.encode(DELIMITER),
    encoder.encode(sign(key, parts)),
    ...parts,
    ...message.buffers,
  ];
}

/** Thrown when received frames are not a well-formed, correctly signed message. */
export class ProtocolError extends Error {
  /** Creates the error with a description of what was wrong. */
  constructor(message: string) {
    super(message);
    this.name = "ProtocolError";
  }
}

/**
 * Parses received frames (routing identities allowed before the delimiter) and verifies the
 * signature; throws {@link ProtocolError} on a missing delimiter, bad signature or bad JSON.
 */
export function decodeMessage(frames: Uint8Array[], key: string): JupyterMessage {
  const delimiter = frames.findIndex((frame) => decoder.decode(frame) === DELIMITER);
  if (delimiter < 0) throw new ProtocolError("message without the <IDS|MSG> delimiter");
  if (frames.length < delimiter + 6) {
    throw new ProtocolError(
      `message with ${frames.length - delimiter - 1} frames after the delimiter, expected >= 5`,
    );
  }
  const signature = decoder.decode(frames[delimiter + 1]);
  const parts = frames.slice(delimiter + 2, delimiter + 6);
  const expected = sign(key, parts);
  if (!sameText(signature, expected)) {
    throw new ProtocolError("message with an invalid HMAC signature");
  }
  const [header, parentHeader, metadata, content] = parts.map((part, i) => {
    try {
      return JSON.parse(decoder.decode(part));
    } catch (err) {
      const name = ["header", "parent_header", "metadata", "content"][i];
      throw new ProtocolError(`message ${name} is not JSON: ${(err as Error).message}`);
    }
  });
  return {
    header,
    parent_header: parentHeader,
    metadata,
    content,
    buffers: frames.slice(delimiter + 6),
  };
}

/** Constant-time comparison, so a forged signature cannot be found by timing. */
function sameText(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
