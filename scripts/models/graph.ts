/**
 * A few lines to write ONNX models in Node (onnx-proto): the test models keep the real
 * models' input and output names, dtypes, ranks and layout, built from cheap operators.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
export const DataType = onnx.TensorProto.DataType;
export type DType = 'float32' | 'float16' | 'uint8' | 'int32' | 'int64';

const dtypes: Record<DType, number> = {
  float32: DataType.FLOAT,
  float16: DataType.FLOAT16,
  uint8: DataType.UINT8,
  int32: DataType.INT32,
  int64: DataType.INT64,
};

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

/** A constant tensor (an initializer). */
export function tensor(name: string, dtype: 'float32' | 'int64' | 'int32' | 'uint8', dims: number[], values: ArrayLike<number>) {
  const t = onnx.TensorProto.create({ name, dataType: dtypes[dtype], dims });
  if (dtype === 'float32') t.floatData = Array.from(values);
  else if (dtype === 'int64') t.int64Data = Array.from(values);
  else t.int32Data = Array.from(values);
  return t;
}

type Attribute = number | number[] | string | { tensor: ReturnType<typeof tensor> };

export function node(op: string, inputs: string[], outputs: string[], attributes: Record<string, Attribute> = {}, name?: string) {
  const attribute = Object.entries(attributes).map(([key, value]) => {
    if (typeof value === 'string') return onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(value) });
    if (Array.isArray(value)) {
      const ints = value.every(Number.isInteger);
      return ints
        ? onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.INTS, ints: value })
        : onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.FLOATS, floats: value });
    }
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
  initializers?: ReturnType<typeof tensor>[];
  opset?: number;
}

/** The model's bytes. */
export function modelBytes(spec: GraphSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'inpaint-studio test models',
    opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: spec.opset ?? 17 })],
    graph: onnx.GraphProto.create({ name: spec.name, input: spec.inputs, output: spec.outputs, node: spec.nodes, initializer: spec.initializers ?? [] }),
  });
  return onnx.ModelProto.encode(model).finish();
}
