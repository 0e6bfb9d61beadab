/**
 * A few lines to write ONNX models in Node (onnx-proto): the test models keep the real
 * models' input and output names, dtypes, ranks and layout, built from cheap operators.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
export const DataType = onnx.TensorProto.DataType;
export type DType = 'float32' | 'float16' | 'uint8' | 'int32' | 'int64' | 'bool';

const dtypes: Record<DType, number> = {
  float32: DataType.FLOAT,
  float16: DataType.FLOAT16,
  uint8: DataType.UINT8,
  int32: DataType.INT32,
  int64: DataType.INT64,
  bool: DataType.BOOL,
};

/** The ONNX element type number of a dtype, for Cast's `to`. */
export const onnxType = (dtype: DType) => dtypes[dtype];

/** A dimension: a number, or a name for a dynamic one. */
export type Dim = number | string;

export function valueInfo(name: string, dtype: DType, dims: Dim[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: dtypes[dtype],
        shape: onnx.TensorShapeProto.create({
          dim: dims.map((d) => (typeof d === 'number' ? onnx.TensorShapeProto.Dimension.create({ dimValue: d }) : onnx.TensorShapeProto.Dimension.create({ dimParam: d }))),
        }),
      }),
    }),
  });
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half-precision bits of a number (round to nearest even), for float16 tensors. */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  if (half >>> 10 >= 0x1f) e = 0x1f;
  return sign | (e === 0x1f ? 0x7c00 : half);
}

/** The number a half-precision bit pattern stands for. */
export function fromHalfBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

export type Tensor = ReturnType<typeof onnx.TensorProto.create>;

/** A constant tensor (an initializer). Floats are stored as raw little-endian bytes (float16 values are given as numbers). */
export function tensor(name: string, dtype: 'float32' | 'float16' | 'int64' | 'int32' | 'uint8', dims: number[], values: ArrayLike<number>): Tensor {
  const t = onnx.TensorProto.create({ name, dataType: dtypes[dtype], dims });
  if (dtype === 'float32') t.rawData = new Uint8Array(Float32Array.from(values).buffer);
  else if (dtype === 'float16') t.rawData = new Uint8Array(Uint16Array.from(Array.from(values, toHalfBits)).buffer);
  else if (dtype === 'int64') t.int64Data = Array.from(values);
  else t.int32Data = Array.from(values);
  return t;
}

/** A tensor's contents as little-endian bytes (what external data and raw_data hold). */
function rawBytes(t: Tensor): Uint8Array {
  if (t.rawData && t.rawData.length) return t.rawData;
  if (t.dataType === DataType.FLOAT) return new Uint8Array(Float32Array.from(t.floatData).buffer);
  if (t.dataType === DataType.INT64) return new Uint8Array(BigInt64Array.from(t.int64Data, (v) => BigInt(v.toString())).buffer);
  if (t.dataType === DataType.INT32) return new Uint8Array(Int32Array.from(t.int32Data).buffer);
  if (t.dataType === DataType.UINT8) return Uint8Array.from(t.int32Data);
  throw new Error(`rawBytes: data type ${t.dataType} not handled`);
}

type Attribute = number | number[] | string | { tensor: Tensor } | { floats: number[] };

export function node(op: string, inputs: string[], outputs: string[], attributes: Record<string, Attribute> = {}, name?: string) {
  const attribute = Object.entries(attributes).map(([key, value]) => {
    if (typeof value === 'string') return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(value) });
    if (Array.isArray(value)) {
      const ints = value.every(Number.isInteger);
      return ints
        ? onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: value })
        : onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.FLOATS, floats: value });
    }
    if (typeof value === 'object' && 'floats' in value) return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.FLOATS, floats: value.floats });
    if (typeof value === 'object') return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.TENSOR, t: value.tensor });
    return Number.isInteger(value) && !key.startsWith('f_')
      ? onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INT, i: value })
      : onnx.AttributeProto.create({ name: key.replace(/^f_/, ''), type: onnx.AttributeProto.AttributeType.FLOAT, f: value });
  });
  return onnx.NodeProto.create({ opType: op, input: inputs, output: outputs, attribute, name: name ?? `${op}_${outputs[0]}` });
}

export interface GraphSpec {
  name: string;
  inputs: ReturnType<typeof valueInfo>[];
  outputs: ReturnType<typeof valueInfo>[];
  nodes: ReturnType<typeof node>[];
  initializers?: Tensor[];
  opset?: number;
  /** What the model is and how it behaves, stored as the model's doc_string. */
  doc?: string;
}

function modelProto(spec: GraphSpec) {
  return onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'inpaint-studio test models',
    docString: spec.doc ?? '',
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: spec.opset ?? 17 })],
    graph: onnx.GraphProto.create({ name: spec.name, input: spec.inputs, output: spec.outputs, node: spec.nodes, initializer: spec.initializers ?? [] }),
  });
}

/** The model's bytes. */
export function modelBytes(spec: GraphSpec): Uint8Array {
  return onnx.ModelProto.encode(modelProto(spec)).finish();
}

/**
 * The model with its weights (initializers of at least `minBytes`) stored in one external data
 * file, as big exports do (`model.onnx` + `model.onnx_data`): each such tensor records `location`
 * (the file name, relative to the model), `offset` and `length`; offsets are 64-byte aligned.
 * Small tensors stay inline: shape inference needs the constant axes and shapes.
 */
export function modelWithExternalData(spec: GraphSpec, location: string, minBytes = 1024): { model: Uint8Array; data: Uint8Array } {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const initializers = (spec.initializers ?? []).map((t) => {
    const bytes = rawBytes(t);
    if (bytes.length < minBytes) return t;
    const pad = (64 - (offset % 64)) % 64;
    if (pad) chunks.push(new Uint8Array(pad));
    offset += pad;
    const external = onnx.TensorProto.create({
      name: t.name,
      dataType: t.dataType,
      dims: t.dims,
      dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
      externalData: [
        onnx.StringStringEntryProto.create({ key: 'location', value: location }),
        onnx.StringStringEntryProto.create({ key: 'offset', value: String(offset) }),
        onnx.StringStringEntryProto.create({ key: 'length', value: String(bytes.length) }),
      ],
    });
    chunks.push(bytes);
    offset += bytes.length;
    return external;
  });
  const data = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    data.set(chunk, at);
    at += chunk.length;
  }
  return { model: onnx.ModelProto.encode(modelProto({ ...spec, initializers })).finish(), data };
}

/** A deterministic pseudo-random generator (mulberry32) for weights: values in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
