import { describe, expect, it } from 'vitest';
import vocabJson from '../../../../fixtures/clip-tokenizer/vocab.json?raw';
import mergesTxt from '../../../../fixtures/clip-tokenizer/merges.txt?raw';
import { CLIP_BOS, CLIP_EOS, ClipTokenizer, bytesToUnicode, cleanText } from './tokenizer';

/*
 * Where the expected ids come from.
 * [TJS] huggingface/transformers.js, packages/transformers/tests/models/clip/test_tokenization_clip.js
 *       (commit 5ed4c5c0d3c57d7aec34d2d65f51624786bc6e2e), model "Xenova/clip-vit-base-patch16": ids the
 *       transformers.js test suite took from Python transformers' tokenizer. Every OpenAI CLIP model shares
 *       one BPE vocabulary (49,408 entries), the one in fixtures/clip-tokenizer/. Used only where the fast
 *       tokenizer and the slow one agree (no CJK, no C* characters).
 * [SLOW] transformers' slow CLIPTokenizer without ftfy (tokenization_clip.py: BasicTokenizer(strip_accents=False,
 *       do_split_on_punc=False), bytes_to_unicode, bpe, _tokenize; _is_whitespace/_is_control of
 *       tokenization_utils.py), transcribed line for line into a Python script outside the project and run
 *       with CPython 3 + the `regex` package on fixtures/clip-tokenizer/vocab.json and merges.txt. That script
 *       also reproduces every [TJS] list below, and the README example.
 * [README] fixtures/clip-tokenizer/README.md.
 */

const tokenizer = ClipTokenizer.fromFiles(vocabJson, mergesTxt);

/** The ids between BOS and the first EOS, checking the framing and the padding on the way. */
function promptIds(text: string): number[] {
  const { ids } = tokenizer.encode(text);
  expect(ids.length).toBe(77);
  expect(ids[0]).toBe(CLIP_BOS);
  const end = ids.indexOf(CLIP_EOS);
  expect(Array.from(ids.subarray(end))).toEqual(new Array(77 - end).fill(CLIP_EOS));
  return Array.from(ids.subarray(1, end));
}

const cases: { source: string; text: string; ids: number[] }[] = [
  { source: 'README', text: 'a photo of a cat', ids: [320, 1125, 539, 320, 2368] },
  { source: 'TJS SIMPLE', text: 'How are you doing?', ids: [829, 631, 592, 1960, 286] },
  { source: 'TJS SIMPLE_WITH_PUNCTUATION', text: "You should've done this", ids: [592, 1535, 1200, 1700, 589] },
  {
    source: 'TJS NUMBERS',
    text: '0123456789 0 1 2 3 4 5 6 7 8 9 10 100 1000',
    ids: [271, 272, 273, 274, 275, 276, 277, 278, 279, 280, 271, 272, 273, 274, 275, 276, 277, 278, 279, 280, 272, 271, 272, 271, 271, 272, 271, 271, 271],
  },
  { source: 'TJS TEXT_WITH_NUMBERS', text: 'The company was founded in 2016.', ids: [518, 2634, 739, 12240, 530, 273, 271, 272, 277, 269] },
  { source: 'TJS PUNCTUATION', text: "A\n'll !!to?'d''d of, can't.", ids: [320, 1342, 748, 531, 13610, 323, 8445, 323, 539, 267, 753, 713, 269] },
  { source: 'TJS BASIC', text: 'UNwant\u00e9d,running', ids: [569, 18356, 3459, 323, 267, 2761] },
  { source: 'TJS DOUBLE_SPACE', text: 'Hi  Hello', ids: [1883, 3306] },
  { source: 'TJS LEADING_SPACE', text: '   leading space', ids: [3833, 2138] },
  { source: 'TJS TRAILING_SPACE', text: 'trailing space   ', ids: [37427, 2138] },
  { source: 'TJS NEWLINES', text: 'This\n\nis\na\ntest.', ids: [589, 533, 320, 1628, 269] },
  {
    source: 'TJS CURRENCY',
    text: 'test $1 R2 #3 \u20ac4 \u00a35 \u00a56 \u20a37 \u20b98 \u20b19 test',
    ids: [1628, 259, 272, 337, 273, 258, 274, 6309, 275, 1950, 276, 20199, 277, 5227, 352, 278, 21777, 279, 5227, 365, 280, 1628],
  },
  { source: 'TJS TEXT_WITH_ESCAPE_CHARACTERS (no-break spaces)', text: 'you\u2026\u00a0\u00a0', ids: [592, 959] },
  {
    source: 'TJS POPULAR_EMOJIS',
    text: '😂 👍 🤣 😍 😭 🎉 🙏 😊 🔥 😁 😅 🤗 😆 👏 ❤️ 💜 💚 💗 💙 🖤 😎 👌 🥳 💪 ✨ 👉 👀 💯 🎈 🙈 🙌 💀 👇 👋 ✅ 🎁 🌞 🌸 💰',
    ids: [
      1558, 4201, 9909, 1754, 3915, 3986, 5503, 3020, 3016, 4821, 9188, 10465, 10943, 4829, 1752, 4882, 6521, 6690, 4074, 10860, 4345, 4494, 28055,
      6440, 3531, 3988, 5908, 7018, 14448, 9516, 4855, 12158, 7475, 17686, 5564, 13462, 12980, 10980, 14078,
    ],
  },
  { source: 'SLOW', text: 'A RED Brick WALL, highly detailed', ids: [320, 736, 9518, 2569, 267, 5302, 12609] },
  { source: 'SLOW', text: 'caf\u00e9 au lait', ids: [15304, 2566, 572, 585] },
  { source: 'SLOW (decomposed e + U+0301, NFC makes it \u00e9)', text: 'cafe\u0301 au lait', ids: [15304, 2566, 572, 585] },
  { source: 'SLOW', text: 'a dog 🐶 on the beach', ids: [320, 1929, 10631, 525, 518, 2117] },
  { source: 'SLOW', text: "there's a man who'd said I'M fine", ids: [997, 568, 320, 786, 822, 1896, 1946, 328, 880, 3797] },
  // Where the slow path differs from the fast tokenizer ([TJS] gives 272, 444, 273, 39802, 274): NUL and U+FFFD are dropped.
  { source: 'SLOW (TJS CONTROL_TOKENS text)', text: '1\u00002\ufffd3', ids: [272, 273, 274] },
  // BasicTokenizer puts spaces around CJK ideographs, so each is its own word ([TJS] keeps the run as one word).
  { source: 'SLOW (TJS CHINESE_ONLY text)', text: '生活的真谛是', ids: [20211, 509, 162, 112, 375, 163, 248, 482, 33440, 509, 164, 108, 505, 42891, 363] },
  // The zero-width joiner (category Cf) is dropped ([TJS] MULTIBYTE_EMOJIS keeps it).
  { source: 'SLOW', text: '✨ 🤗 👁️ 👱🏻 🕵\u200d♂️', ids: [3531, 10465, 47796, 1001, 964, 109, 3702, 7692, 113, 1548, 224, 1001] },
];

describe('ClipTokenizer', () => {
  it.each(cases)('$source: $text', ({ text, ids }) => {
    expect(promptIds(text)).toEqual(ids);
  });

  it('tokens carry </w> at word ends (the README example)', () => {
    expect(tokenizer.tokenize('a photo of a cat')).toEqual(['a</w>', 'photo</w>', 'of</w>', 'a</w>', 'cat</w>']);
    expect(tokenizer.tokenize('UNwant\u00e9d,running')).toEqual(['un', 'want', '\u00c3\u00a9', 'd</w>', ',</w>', 'running</w>']);
  });

  it('the empty prompt is BOS, EOS and padding', () => {
    const { ids, truncated, tokenCount } = tokenizer.encode('');
    expect(ids[0]).toBe(49406);
    expect(Array.from(ids.subarray(1))).toEqual(new Array(76).fill(49407));
    expect(truncated).toBe(false);
    expect(tokenCount).toBe(0);
    expect(tokenizer.encode(' \t\n').tokenCount).toBe(0);
  });

  it('special tokens written in the prompt become their ids [SLOW]', () => {
    expect(Array.from(tokenizer.encode('a cat<|endoftext|>dog').ids.subarray(0, 7))).toEqual([49406, 320, 2368, 49407, 1929, 49407, 49407]);
  });

  it('truncates a long prompt to 75 tokens, keeping BOS and EOS [SLOW]', () => {
    const text =
      'a highly detailed oil painting of a majestic lighthouse on a rocky cliff at sunset, crashing waves, dramatic clouds, golden hour light, ' +
      'seagulls flying, warm colors, volumetric lighting, intricate brushwork, trending on artstation, masterpiece, best quality, 8k resolution, ' +
      'cinematic composition, wide angle lens, sharp focus, vivid reflections on wet rocks, a small fishing boat in the distance, mist over the sea';
    const { ids, truncated, tokenCount } = tokenizer.encode(text);
    expect(truncated).toBe(true);
    expect(tokenCount).toBe(82);
    expect(Array.from(ids)).toEqual([
      49406, 320, 5302, 12609, 2870, 3086, 539, 320, 15335, 13717, 525, 320, 9648, 10625, 536, 3424, 267, 24991, 7882, 267, 11240, 6244, 267, 3878, 2232,
      1395, 267, 42215, 4610, 267, 3616, 5389, 267, 3563, 19950, 5799, 267, 29616, 27969, 951, 267, 6087, 525, 1486, 2631, 267, 12066, 267, 949, 3027,
      267, 279, 330, 9977, 267, 25602, 17510, 267, 3184, 6946, 8666, 267, 8157, 4353, 267, 22984, 16647, 525, 6682, 6135, 267, 320, 2442, 4935, 4440,
      530, 49407,
    ]);
  });

  it('exactly 75 tokens fit without truncation', () => {
    const text = Array.from({ length: 75 }, () => 'cat').join(' ');
    const { ids, truncated, tokenCount } = tokenizer.encode(text);
    expect(tokenCount).toBe(75);
    expect(truncated).toBe(false);
    expect(ids[75]).toBe(2368);
    expect(ids[76]).toBe(49407);
    expect(tokenizer.encode(`${text} cat`).truncated).toBe(true);
  });

  it('honours another maxLength', () => {
    expect(Array.from(tokenizer.encode('a photo of a cat', { maxLength: 5 }).ids)).toEqual([49406, 320, 1125, 539, 49407]);
    expect(() => tokenizer.encode('a', { maxLength: 1 })).toThrow(RangeError);
  });

  it('caches: the same word twice gives the same tokens', () => {
    expect(tokenizer.tokenIds('lighthouse lighthouse')).toEqual([...tokenizer.tokenIds('lighthouse'), ...tokenizer.tokenIds('lighthouse')]);
  });

  it('cleans text as BasicTokenizer does', () => {
    expect(cleanText('  Hello\u3000WORLD\t\u00a0x ')).toBe('hello world x');
    expect(cleanText('a\u200db\u0007c')).toBe('abc');
    expect(cleanText('生活')).toBe('生 活');
  });

  it('bytes_to_unicode maps the 256 bytes to distinct printable characters', () => {
    const table = bytesToUnicode();
    expect(new Set(table).size).toBe(256);
    expect(table[0x20]).toBe('\u0120');
    expect(table[0x41]).toBe('A');
    expect(table[0x00]).toBe('\u0100');
  });

  it('refuses a vocabulary without CLIP special tokens', () => {
    expect(() => new ClipTokenizer({ a: 0 }, '#version: 0.2\n')).toThrow(/CLIP/);
  });
});
