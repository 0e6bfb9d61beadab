import { modelBytes, node, onnxType, random, tensor, valueInfo } from './graph';

/**
 * Segmentation-shaped test models: the "subject" is whatever is bright. Every graph is
 * elementwise at the input size (no Conv, Reduce or pool there: those are slow on WebGPU's
 * software adapter at 1024).
 */

/** Luma weights (Rec. 601) and the subject rule: map = sigmoid(SHARPNESS * (luma - THRESHOLD)), luma in [0, 1]. */
export const LUMA = [0.299, 0.587, 0.114];
export const THRESHOLD = 0.6;
export const SHARPNESS = 40;

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];

/**
 * Nodes computing `z` = SHARPNESS * (luma - THRESHOLD) from a [1,3,S,S] input whose channel c
 * holds (x/255 - offset[c]) / scale[c]: z = sum_c k_c * n_c + bias.
 */
function lumaLogit(input: string, offset: number[], scale: number[]) {
  const k = LUMA.map((w, c) => SHARPNESS * w * scale[c]);
  const bias = SHARPNESS * (LUMA.reduce((acc, w, c) => acc + w * offset[c], 0) - THRESHOLD);
  return {
    initializers: [tensor('split', 'int64', [3], [1, 1, 1]), ...k.map((v, c) => tensor(`k${c}`, 'float32', [], [v])), tensor('bias', 'float32', [], [bias])],
    nodes: [
      node('Split', [input, 'split'], ['r', 'g', 'b'], { axis: 1 }),
      node('Mul', ['r', 'k0'], ['kr']),
      node('Mul', ['g', 'k1'], ['kg']),
      node('Mul', ['b', 'k2'], ['kb']),
      node('Add', ['kr', 'kg'], ['krg']),
      node('Add', ['krg', 'kb'], ['krgb']),
      node('Add', ['krgb', 'bias'], ['z']),
    ],
  };
}

/**
 * ISNet-shaped (rembg's isnet-general-use.onnx): `input_image` [1,3,1024,1024] = x/255 - 0.5
 * (std 1) -> 12 outputs; output 0 `output_image` [1,1,1024,1024] is the final map, already a
 * sigmoid. Outputs 1-11 stand in for the side outputs and features: small [1,1,32,32] copies
 * of the map, downsampled.
 */
export function isnetShaped(): Uint8Array {
  const luma = lumaLogit('input_image', [0.5, 0.5, 0.5], [1, 1, 1]);
  const sides = Array.from({ length: 11 }, (_, i) => `side_${i + 1}`);
  return modelBytes({
    name: 'isnet-shaped',
    doc: `ISNet shaped: output_image = sigmoid(${SHARPNESS} * (luma - ${THRESHOLD})), luma = Rec.601 of the de-normalised input in [0, 1]; outputs 1-11 are that map at 32x32.`,
    inputs: [valueInfo('input_image', 'float32', [1, 3, 1024, 1024])],
    outputs: [valueInfo('output_image', 'float32', [1, 1, 1024, 1024]), ...sides.map((name) => valueInfo(name, 'float32', [1, 1, 32, 32]))],
    initializers: [...luma.initializers, tensor('side_scales', 'float32', [4], [1, 1, 1 / 32, 1 / 32])],
    nodes: [
      ...luma.nodes,
      node('Sigmoid', ['z'], ['output_image']),
      node('Resize', ['output_image', '', 'side_scales'], ['side'], { mode: 'nearest' }),
      ...sides.map((name) => node('Identity', ['side'], [name])),
    ],
  });
}

/** Output names of the U-2-Netp-shaped model: '1964' is the first output's name in rembg's u2netp.onnx as public code uses it; the rest are made up. */
export const U2NETP_OUTPUTS = ['1964', '1965', '1966', '1967', '1968', '1969', '1970'];

/**
 * U-2-Netp-shaped (rembg's u2netp.onnx): `input.1` [1,3,320,320] ImageNet-normalised -> 7
 * sigmoid maps [1,1,320,320]; output 0 is the fused one. Output i = sigmoid(z / (i + 1)).
 */
export function u2netpShaped(): Uint8Array {
  const luma = lumaLogit('input.1', IMAGENET_MEAN, IMAGENET_STD);
  return modelBytes({
    name: 'u2netp-shaped',
    doc: `U-2-Netp shaped: output i = sigmoid(${SHARPNESS} / (i + 1) * (luma - ${THRESHOLD})), luma = Rec.601 of the de-normalised input in [0, 1].`,
    inputs: [valueInfo('input.1', 'float32', [1, 3, 320, 320])],
    outputs: U2NETP_OUTPUTS.map((name) => valueInfo(name, 'float32', [1, 1, 320, 320])),
    initializers: [...luma.initializers, ...U2NETP_OUTPUTS.slice(1).map((_, i) => tensor(`soft${i + 1}`, 'float32', [], [1 / (i + 2)]))],
    nodes: [
      ...luma.nodes,
      node('Sigmoid', ['z'], [U2NETP_OUTPUTS[0]]),
      ...U2NETP_OUTPUTS.slice(1).flatMap((name, i) => [node('Mul', ['z', `soft${i + 1}`], [`z${i + 1}`]), node('Sigmoid', [`z${i + 1}`], [name])]),
    ],
  });
}

const SAM_MEAN = [123.675, 116.28, 103.53];
const SAM_STD = [58.395, 57.12, 57.375];

/** Per-channel weight of the encoder's expansion from 3 to 256 channels, in [0.5, 1.5). */
export function samExpansion(): Float32Array {
  const rand = random(0x5a3);
  return Float32Array.from({ length: 256 }, () => 0.5 + rand());
}

/**
 * MobileSAM image encoder shaped (Acly/MobileSAM mobile_sam_image_encoder.onnx): `input_image`
 * float32 [h, w, 3], raw 0-255 RGB, longest side 1024 -> `image_embeddings` [1,256,64,64].
 * Subtracts SAM's mean, pads bottom/right to 1024 (so the padding is 0 once normalised, as in
 * SAM), downsamples to 64x64 (bilinear, 16x), divides by SAM's std, goes to CHW and expands to
 * 256 channels: channel c = normalised colour (c % 3) * w[c], w in [0.5, 1.5).
 */
export function samEncoderShaped(): Uint8Array {
  const weight = samExpansion();
  return modelBytes({
    name: 'mobile-sam-encoder-shaped',
    doc: 'MobileSAM encoder shaped: image_embeddings[c] = 64x64 bilinear downsample of the normalised image, padded bottom/right to 1024 with 0, colour channel (c % 3), times w[c].',
    inputs: [valueInfo('input_image', 'float32', ['image_height', 'image_width', 3])],
    outputs: [valueInfo('image_embeddings', 'float32', [1, 256, 64, 64])],
    initializers: [
      tensor('mean', 'float32', [3], SAM_MEAN),
      tensor('inv_std', 'float32', [3], SAM_STD.map((v) => 1 / v)),
      tensor('axis0', 'int64', [1], [0]),
      tensor('start0', 'int64', [1], [0]),
      tensor('end2', 'int64', [1], [2]),
      tensor('side', 'int64', [2], [1024, 1024]),
      tensor('pads_begin', 'int64', [5], [0, 0, 0, 0, 0]),
      tensor('pads_channels', 'int64', [1], [0]),
      tensor('scales', 'float32', [4], [1, 1 / 16, 1 / 16, 1]),
      tensor('colour_of_channel', 'int64', [256], Array.from({ length: 256 }, (_, c) => c % 3)),
      tensor('weight', 'float32', [1, 256, 1, 1], weight),
    ],
    nodes: [
      // Full-size work kept to three passes (centre, pad, downsample), the rest at 64 x 64.
      node('Sub', ['input_image', 'mean'], ['centred']),
      node('Unsqueeze', ['centred', 'axis0'], ['nhwc']),
      node('Shape', ['input_image'], ['shape']),
      node('Slice', ['shape', 'start0', 'end2'], ['hw']),
      node('Sub', ['side', 'hw'], ['pad_hw']),
      node('Concat', ['pads_begin', 'pad_hw', 'pads_channels'], ['pads'], { axis: 0 }),
      node('Pad', ['nhwc', 'pads'], ['padded'], { mode: 'constant' }),
      node('Resize', ['padded', '', 'scales'], ['small'], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' }),
      node('Mul', ['small', 'inv_std'], ['normalised']),
      node('Transpose', ['normalised'], ['nchw'], { perm: [0, 3, 1, 2] }),
      node('Gather', ['nchw', 'colour_of_channel'], ['channels'], { axis: 1 }),
      node('Mul', ['channels', 'weight'], ['image_embeddings']),
    ],
  });
}

/** Disc radius in the 1024 frame (0.15 x the longest side), and logits per unit of score. */
export const SAM_RADIUS = 0.15 * 1024;
export const SAM_LOGIT_SCALE = 10;
export const SAM_LOGIT_LIMIT = 32;
const BIG = 1e4;

/**
 * MobileSAM / SAM mask decoder shaped, Meta's ONNX contract (sam_mask_decoder_single.onnx):
 * inputs `image_embeddings` [1,256,64,64], `point_coords` [1,N,2] (resized frame, pixels),
 * `point_labels` [1,N] (1 positive, 0 negative, -1 pad; 2/3 box corners are ignored here),
 * `mask_input` [1,1,256,256], `has_mask_input` [1], `orig_im_size` [2] (H, W) -> `masks`
 * [1,1,H,W] logits, `iou_predictions` [1,1], `low_res_masks` [1,1,256,256].
 *
 * On the 256x256 grid of the padded 1024 frame (cell centres 4j + 2), for point p (+0.5 like
 * the real graph): v_p = 1 - |cell - p|^2 / R^2, R = 153.6 (0.15 x the longest side).
 * keep = max(max over positive p of v_p, has_mask_input ? mask_input / 10 : -inf);
 * score = min(keep, min over negative p of -v_p); low_res_masks = clip(10 * score, -32, 32):
 * a disc around each positive click, minus a disc around each negative one, united with the
 * previous mask when it is fed back. masks = low_res_masks upsampled to 1024 (bilinear), cropped
 * to the resized image (floor(H * 1024 / max(H, W) + 0.5) x ...) and resized to H x W, as SAM's
 * postprocessing does. iou_predictions = sigmoid(2 * max score). image_embeddings is not read.
 */
export function samDecoderShaped(): Uint8Array {
  const centres = Array.from({ length: 256 }, (_, j) => 4 * j + 2);
  return modelBytes({
    name: 'sam-mask-decoder-shaped',
    doc: 'SAM mask decoder shaped: a disc of radius 0.15 x max(H, W) around each positive point, minus one around each negative point, united with the fed-back mask; see README.md.',
    inputs: [
      valueInfo('image_embeddings', 'float32', [1, 256, 64, 64]),
      valueInfo('point_coords', 'float32', [1, 'num_points', 2]),
      valueInfo('point_labels', 'float32', [1, 'num_points']),
      valueInfo('mask_input', 'float32', [1, 1, 256, 256]),
      valueInfo('has_mask_input', 'float32', [1]),
      valueInfo('orig_im_size', 'float32', [2]),
    ],
    outputs: [
      valueInfo('masks', 'float32', [1, 1, 'orig_height', 'orig_width']),
      valueInfo('iou_predictions', 'float32', [1, 1]),
      valueInfo('low_res_masks', 'float32', [1, 1, 256, 256]),
    ],
    initializers: [
      tensor('grid_x', 'float32', [1, 1, 1, 256], centres),
      tensor('grid_y', 'float32', [1, 1, 256, 1], centres),
      tensor('half', 'float32', [], [0.5]),
      tensor('one', 'float32', [], [1]),
      tensor('zero', 'float32', [], [0]),
      tensor('two', 'float32', [], [2]),
      tensor('big', 'float32', [], [BIG]),
      tensor('minus_big', 'float32', [], [-BIG]),
      tensor('inv_r2', 'float32', [], [1 / SAM_RADIUS ** 2]),
      tensor('logit_scale', 'float32', [], [SAM_LOGIT_SCALE]),
      tensor('inv_logit_scale', 'float32', [], [1 / SAM_LOGIT_SCALE]),
      tensor('logit_min', 'float32', [], [-SAM_LOGIT_LIMIT]),
      tensor('logit_max', 'float32', [], [SAM_LOGIT_LIMIT]),
      tensor('side', 'float32', [], [1024]),
      tensor('i0', 'int64', [1], [0]),
      tensor('i1', 'int64', [1], [1]),
      tensor('i2', 'int64', [1], [2]),
      tensor('axis3', 'int64', [1], [3]),
      tensor('axes23', 'int64', [2], [2, 3]),
      tensor('starts00', 'int64', [2], [0, 0]),
      tensor('ones2', 'int64', [2], [1, 1]),
      tensor('up_scales', 'float32', [4], [1, 1, 4, 4]),
    ],
    nodes: [
      // Points (x, y) + 0.5 as [1, N, 1, 1]; labels as [1, N, 1, 1].
      node('Slice', ['point_coords', 'i0', 'i1', 'i2'], ['px3']),
      node('Slice', ['point_coords', 'i1', 'i2', 'i2'], ['py3']),
      node('Unsqueeze', ['px3', 'axis3'], ['px0']),
      node('Unsqueeze', ['py3', 'axis3'], ['py0']),
      node('Add', ['px0', 'half'], ['px']),
      node('Add', ['py0', 'half'], ['py']),
      node('Unsqueeze', ['point_labels', 'axes23'], ['labels']),
      // v = 1 - d^2 / R^2 on the 256 x 256 grid, per point: [1, N, 256, 256].
      node('Sub', ['grid_x', 'px'], ['dx']),
      node('Sub', ['grid_y', 'py'], ['dy']),
      node('Mul', ['dx', 'dx'], ['dx2']),
      node('Mul', ['dy', 'dy'], ['dy2']),
      node('Add', ['dx2', 'dy2'], ['d2']),
      node('Mul', ['d2', 'inv_r2'], ['q']),
      node('Sub', ['one', 'q'], ['v']),
      // Positive points: max of v (others -BIG).
      node('Equal', ['labels', 'one'], ['is_pos_b']),
      node('Cast', ['is_pos_b'], ['is_pos'], { to: onnxType('float32') }),
      node('Mul', ['v', 'is_pos'], ['v_pos']),
      node('Sub', ['is_pos', 'one'], ['not_pos_neg']),
      node('Mul', ['not_pos_neg', 'big'], ['pos_fill']),
      node('Add', ['v_pos', 'pos_fill'], ['pos_scores']),
      node('ReduceMax', ['pos_scores'], ['pos_score'], { axes: [1], keepdims: 1 }),
      // The fed-back mask joins the positives.
      node('Mul', ['mask_input', 'inv_logit_scale'], ['prev_score']),
      node('Mul', ['prev_score', 'has_mask_input'], ['prev_on']),
      node('Sub', ['one', 'has_mask_input'], ['no_prev']),
      node('Mul', ['no_prev', 'minus_big'], ['prev_fill']),
      node('Add', ['prev_on', 'prev_fill'], ['prev']),
      node('Max', ['pos_score', 'prev'], ['keep']),
      // Negative points: min of -v (others +BIG).
      node('Equal', ['labels', 'zero'], ['is_neg_b']),
      node('Cast', ['is_neg_b'], ['is_neg'], { to: onnxType('float32') }),
      node('Mul', ['v', 'is_neg'], ['v_neg']),
      node('Neg', ['v_neg'], ['minus_v_neg']),
      node('Sub', ['one', 'is_neg'], ['not_neg']),
      node('Mul', ['not_neg', 'big'], ['neg_fill']),
      node('Add', ['minus_v_neg', 'neg_fill'], ['neg_scores']),
      node('ReduceMin', ['neg_scores'], ['neg_score'], { axes: [1], keepdims: 1 }),
      node('Min', ['keep', 'neg_score'], ['score']),
      node('Mul', ['score', 'logit_scale'], ['logits']),
      node('Clip', ['logits', 'logit_min', 'logit_max'], ['low_res_masks']),
      node('ReduceMax', ['score'], ['best'], { axes: [2, 3], keepdims: 0 }),
      node('Mul', ['best', 'two'], ['best2']),
      node('Sigmoid', ['best2'], ['iou_predictions']),
      // Postprocessing: upsample to 1024, crop to the resized image, resize to H x W.
      node('Gather', ['orig_im_size', 'i0'], ['orig_h'], { axis: 0 }),
      node('Gather', ['orig_im_size', 'i1'], ['orig_w'], { axis: 0 }),
      node('Max', ['orig_h', 'orig_w'], ['longest']),
      node('Div', ['side', 'longest'], ['scale']),
      node('Mul', ['orig_im_size', 'scale'], ['resized_f']),
      node('Add', ['resized_f', 'half'], ['resized_r']),
      node('Floor', ['resized_r'], ['resized_floor']),
      node('Cast', ['resized_floor'], ['resized'], { to: onnxType('int64') }),
      node('Resize', ['low_res_masks', '', 'up_scales'], ['upscaled'], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' }),
      node('Slice', ['upscaled', 'starts00', 'resized', 'axes23'], ['cropped']),
      node('Cast', ['orig_im_size'], ['orig_i64'], { to: onnxType('int64') }),
      node('Concat', ['ones2', 'orig_i64'], ['out_sizes'], { axis: 0 }),
      node('Resize', ['cropped', '', '', 'out_sizes'], ['masks'], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' }),
    ],
  });
}
