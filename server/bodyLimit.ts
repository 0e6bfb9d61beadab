/** A request body over the limit: the proxy answers 413. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body is over ${Math.round(limit / 2 ** 20)} MB.`);
  }
}

/** Passes the bytes through as they come, failing once more than `limit` have gone by: nothing is buffered. */
export function limitBytes(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new BodyTooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * A JSON object body with `"key": <key>` put first, streamed: `{` is followed by the key
 * field, then the rest of the body as it was (a comma only when the object has members).
 */
export function withKeyField(body: ReadableStream<Uint8Array>, key: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const field = `"key":${JSON.stringify(key)}`;
  let state: 'before' | 'after-brace' | 'done' = 'before';
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        let at = 0;
        while (state !== 'done' && at < chunk.length) {
          const byte = chunk[at];
          const space = byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
          if (state === 'before') {
            if (space) at++;
            else if (byte === 0x7b) {
              controller.enqueue(encoder.encode(`{${field}`));
              state = 'after-brace';
              at++;
            } else throw new TypeError('The body must be a JSON object.');
          } else if (space) at++;
          else {
            if (byte !== 0x7d) controller.enqueue(encoder.encode(','));
            state = 'done';
          }
        }
        if (at < chunk.length) controller.enqueue(chunk.subarray(at));
      },
      flush() {
        if (state !== 'done') throw new TypeError('The body must be a JSON object.');
      },
    }),
  );
}
