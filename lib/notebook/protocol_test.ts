import { assertEquals, assertThrows } from "@std/assert";
import {
  decodeMessage,
  DELIMITER,
  encodeMessage,
  makeMessage,
  PROTOCOL_VERSION,
  ProtocolError,
  sign,
} from "./protocol.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

Deno.test("sign: HMAC-SHA256 over the concatenated parts (a published test vector)", () => {
  // HMAC_SHA256("key", "The quick brown fox jumps over the lazy dog"), the widely published
  // example value.
  const parts = ["The quick brown fox ", "jumps over the lazy dog"].map((s) => encoder.encode(s));
  assertEquals(
    sign("key", parts),
    "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
  );
  assertEquals(sign("", parts), "");
});

Deno.test("sign: agrees with WebCrypto on a message's four parts", async () => {
  const msg = makeMessage("execute_request", { code: "1 + 1" }, "session-1");
  const frames = encodeMessage(msg, "secret");
  const signed = frames.slice(2, 6);
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode("secret"),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const joined = new Uint8Array(signed.reduce((n, f) => n + f.length, 0));
  let offset = 0;
  for (const f of signed) {
    joined.set(f, offset);
    offset += f.length;
  }
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, joined));
  const hex = [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
  assertEquals(decoder.decode(frames[1]), hex);
});

Deno.test("encodeMessage / decodeMessage: frames and a round trip with routing identities", () => {
  const msg = makeMessage("kernel_info_request", {}, "s");
  assertEquals(msg.header.version, PROTOCOL_VERSION);
  assertEquals(msg.header.msg_type, "kernel_info_request");
  const frames = encodeMessage(msg, "k");
  assertEquals(frames.length, 6);
  assertEquals(decoder.decode(frames[0]), DELIMITER);
  const withIdentity = [encoder.encode("peer-1"), ...frames, encoder.encode("buffer")];
  const back = decodeMessage(withIdentity, "k");
  assertEquals(back.header, msg.header);
  assertEquals(back.parent_header, {});
  assertEquals(back.content, {});
  assertEquals(back.buffers.map((b) => decoder.decode(b)), ["buffer"]);
});

Deno.test("decodeMessage: a wrong signature, a missing delimiter, too few frames", () => {
  const frames = encodeMessage(makeMessage("status", { execution_state: "idle" }, "s"), "k");
  assertThrows(() => decodeMessage(frames, "other key"), ProtocolError, "invalid HMAC signature");
  assertThrows(() => decodeMessage(frames.slice(1), "k"), ProtocolError, "without the <IDS|MSG>");
  assertThrows(() => decodeMessage(frames.slice(0, 4), "k"), ProtocolError, "expected >= 5");
});
