/**
 * The element types of an ONNX graph's inputs, read from the protobuf without loading the model:
 * enough to know an fp16 model before choosing its backend. ModelProto.graph (7) ->
 * GraphProto.input (11) -> ValueInfoProto.type (2) -> TypeProto.tensor_type (1) -> elem_type (1).
 * Other fields (the weights among them) are skipped by their length, read in windows of the Blob.
 */
export const ONNX_FLOAT16 = 10;

// Small: skipping an inline weight re-reads one window at the next field.
const WINDOW = 1 << 16;

class BlobReader {
  private window = new Uint8Array(0);
  private start = 0;
  constructor(private readonly blob: Blob) {}

  async byte(at: number): Promise<number> {
    if (at < this.start || at >= this.start + this.window.length) {
      this.start = at;
      this.window = new Uint8Array(await this.blob.slice(at, at + WINDOW).arrayBuffer());
      if (!this.window.length) throw new RangeError('the model file ends early');
    }
    return this.window[at - this.start];
  }

  /** A varint at `at`: its value and where the next field starts. */
  async varint(at: number): Promise<[number, number]> {
    let value = 0;
    for (let shift = 1; ; shift *= 128) {
      const b = await this.byte(at++);
      value += (b & 0x7f) * shift;
      if (b < 0x80) return [value, at];
    }
  }

  async bytes(at: number, length: number): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.slice(at, at + length).arrayBuffer());
  }
}

/** Fields of a message between `from` and `to`: calls `visit(field, start, end)` for the length-delimited ones. */
async function fields(reader: BlobReader, from: number, to: number, visit: (field: number, start: number, end: number) => Promise<boolean | void>) {
  let at = from;
  while (at < to) {
    const [key, next] = await reader.varint(at);
    const wire = key % 8;
    const field = Math.floor(key / 8);
    if (wire === 0) at = (await reader.varint(next))[1];
    else if (wire === 1) at = next + 8;
    else if (wire === 5) at = next + 4;
    else if (wire === 2) {
      const [length, start] = await reader.varint(next);
      if ((await visit(field, start, start + length)) === true) return;
      at = start + length;
    } else throw new RangeError(`not an ONNX model (wire type ${wire})`);
  }
}

/** Small messages (a ValueInfoProto) parsed from memory. */
function varintIn(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  for (let shift = 1; ; shift *= 128) {
    const b = bytes[at++];
    value += (b & 0x7f) * shift;
    if (b < 0x80) return [value, at];
  }
}

function fieldOf(bytes: Uint8Array, wanted: number, wireWanted: number): Uint8Array | number | null {
  let at = 0;
  while (at < bytes.length) {
    const [key, next] = varintIn(bytes, at);
    const wire = key % 8;
    const field = Math.floor(key / 8);
    if (wire === 0) {
      const [value, after] = varintIn(bytes, next);
      if (field === wanted && wireWanted === 0) return value;
      at = after;
    } else if (wire === 2) {
      const [length, start] = varintIn(bytes, next);
      if (field === wanted && wireWanted === 2) return bytes.subarray(start, start + length);
      at = start + length;
    } else at = next + (wire === 1 ? 8 : 4);
  }
  return null;
}

/** Element type of each graph input (ONNX TensorProto.DataType numbers; 0 for non-tensors). */
export async function graphInputTypes(model: Blob): Promise<number[]> {
  const reader = new BlobReader(model);
  const types: number[] = [];
  await fields(reader, 0, model.size, async (field, start, end) => {
    if (field !== 7) return;
    await fields(reader, start, end, async (graphField, s, e) => {
      if (graphField !== 11) return;
      const valueInfo = await reader.bytes(s, e - s);
      const type = fieldOf(valueInfo, 2, 2);
      const tensor = type instanceof Uint8Array ? fieldOf(type, 1, 2) : null;
      const elem = tensor instanceof Uint8Array ? fieldOf(tensor, 1, 0) : null;
      types.push(typeof elem === 'number' ? elem : 0);
    });
    return true;
  });
  return types;
}
