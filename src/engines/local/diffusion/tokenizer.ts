/**
 * The CLIP BPE tokenizer of Stable Diffusion's text encoders, as Hugging Face's `CLIPTokenizer`
 * (the slow, Python one) runs when ftfy is not installed, which is its default path:
 * 1. special tokens (`<|startoftext|>`, `<|endoftext|>`) written in the text are split off first;
 * 2. BasicTokenizer(strip_accents=False, do_split_on_punc=False): drop NUL, U+FFFD and control or
 *    format characters (Unicode category C*, except tab, CR, LF), turn whitespace into spaces, put
 *    spaces around CJK ideographs, NFC-normalise, split on whitespace, lower-case, join with one space;
 * 3. CLIP's regex splits words, numbers (one digit each), contractions and runs of other characters;
 * 4. each piece's UTF-8 bytes are mapped to printable characters (GPT-2's bytes_to_unicode), then BPE
 *    with `</w>` marking the end of the word; unknown tokens become `<|endoftext|>`.
 * Not done: ftfy.fix_text and html.unescape (OpenAI's original tokenizer, or CLIPTokenizer with ftfy
 * installed), which differ from this only on mis-encoded or HTML-escaped text, CJK runs and characters
 * of category C* (for example the zero-width joiner inside emoji sequences).
 */

export const CLIP_BOS = 49406;
export const CLIP_EOS = 49407;
/** The padding id: Stable Diffusion's tokenizers pad with `<|endoftext|>`. */
export const CLIP_PAD = CLIP_EOS;
export const CLIP_MAX_LENGTH = 77;

const BOS_TOKEN = '<|startoftext|>';
const EOS_TOKEN = '<|endoftext|>';
/** transformers reads at most this many merges (`[1 : 49152 - 256 - 2 + 1]` of the file's lines). */
const MAX_MERGES = 49152 - 256 - 2;

const WORD_PATTERN = /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+/giu;
const SPECIAL_SPLIT = /(<\|startoftext\|>|<\|endoftext\|>)/;
const CONTROL_OR_FORMAT = /^\p{C}$/u;
const SPACE_SEPARATOR = /^\p{Zs}$/u;

export interface ClipEncoding {
  /** BOS, the prompt's tokens, EOS, then padding (EOS) up to maxLength. */
  ids: Int32Array;
  /** The prompt had more than maxLength - 2 tokens; the ones past that were dropped. */
  truncated: boolean;
  /** The prompt's own tokens before truncation (BOS and EOS not counted). */
  tokenCount: number;
}

export interface EncodeOptions {
  /** Total length with BOS and EOS; 77 for every Stable Diffusion text encoder. */
  maxLength?: number;
}

/** GPT-2's reversible byte -> printable character table (transformers' `bytes_to_unicode`). */
export function bytesToUnicode(): string[] {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const table = new Array<string>(256);
  for (const b of printable) table[b] = String.fromCharCode(b);
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (table[b] === undefined) table[b] = String.fromCharCode(256 + n++);
  }
  return table;
}

function isCjkIdeograph(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** BasicTokenizer(strip_accents=False, do_split_on_punc=False) followed by `" ".join(...)`. */
export function cleanText(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\t' || ch === '\n' || ch === '\r' || ch === ' ') {
      out += ' ';
      continue;
    }
    if (cp === 0 || cp === 0xfffd || CONTROL_OR_FORMAT.test(ch)) continue;
    if (SPACE_SEPARATOR.test(ch)) out += ' ';
    else if (isCjkIdeograph(cp)) out += ` ${ch} `;
    else out += ch;
  }
  const words = out.normalize('NFC').split(/\s+/).filter((w) => w.length > 0);
  return words.map((w) => w.toLowerCase()).join(' ');
}

export class ClipTokenizer {
  private readonly vocab: Map<string, number>;
  private readonly ranks = new Map<string, number>();
  private readonly cache = new Map<string, string[]>([
    [BOS_TOKEN, [BOS_TOKEN]],
    [EOS_TOKEN, [EOS_TOKEN]],
  ]);
  private readonly byteChars = bytesToUnicode();
  private readonly utf8 = new TextEncoder();
  readonly bosId: number;
  readonly eosId: number;

  /** `vocab`: the parsed vocab.json (token -> id); `merges`: merges.txt as text. */
  constructor(vocab: Readonly<Record<string, number>>, merges: string) {
    this.vocab = new Map(Object.entries(vocab));
    const lines = merges.trim().split('\n').slice(1, MAX_MERGES + 1);
    lines.forEach((line, rank) => {
      const parts = line.split(/\s+/).filter((p) => p.length > 0);
      if (parts.length === 2) this.ranks.set(pairKey(parts[0], parts[1]), rank);
    });
    const bos = this.vocab.get(BOS_TOKEN);
    const eos = this.vocab.get(EOS_TOKEN);
    if (bos === undefined || eos === undefined) throw new Error('vocab.json has no <|startoftext|> or <|endoftext|>: not a CLIP vocabulary');
    this.bosId = bos;
    this.eosId = eos;
  }

  /** From the two files' text, as a model folder holds them. */
  static fromFiles(vocabJson: string, mergesTxt: string): ClipTokenizer {
    return new ClipTokenizer(JSON.parse(vocabJson) as Record<string, number>, mergesTxt);
  }

  /** The BPE tokens of a text (no BOS/EOS), e.g. "a cat" -> ["a</w>", "cat</w>"]. */
  tokenize(text: string): string[] {
    const tokens: string[] = [];
    for (const piece of text.split(SPECIAL_SPLIT)) {
      if (piece === BOS_TOKEN || piece === EOS_TOKEN) tokens.push(piece);
      else if (piece.trim().length > 0) this.tokenizePlain(piece, tokens);
    }
    return tokens;
  }

  /** The prompt's token ids, without BOS/EOS or padding. */
  tokenIds(text: string): number[] {
    return this.tokenize(text).map((t) => this.vocab.get(t) ?? this.eosId);
  }

  /** BOS + ids + EOS, padded with EOS to maxLength (77); longer prompts keep their first maxLength - 2 tokens. */
  encode(text: string, options: EncodeOptions = {}): ClipEncoding {
    const maxLength = options.maxLength ?? CLIP_MAX_LENGTH;
    if (!Number.isInteger(maxLength) || maxLength < 2) throw new RangeError(`maxLength must be an integer of at least 2, got ${maxLength}`);
    const tokens = this.tokenIds(text);
    const kept = tokens.slice(0, maxLength - 2);
    const ids = new Int32Array(maxLength).fill(this.eosId);
    ids[0] = this.bosId;
    ids.set(kept, 1);
    ids[kept.length + 1] = this.eosId;
    return { ids, truncated: tokens.length > kept.length, tokenCount: tokens.length };
  }

  private tokenizePlain(text: string, into: string[]): void {
    const cleaned = cleanText(text);
    for (const match of cleaned.matchAll(WORD_PATTERN)) {
      let mapped = '';
      for (const byte of this.utf8.encode(match[0])) mapped += this.byteChars[byte];
      for (const t of this.bpe(mapped)) into.push(t);
    }
  }

  /** transformers' CLIPTokenizer.bpe: merge the lowest-ranked adjacent pair until none is known. */
  private bpe(token: string): string[] {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const chars = Array.from(token);
    let word = [...chars.slice(0, -1), `${chars[chars.length - 1]}</w>`];
    while (word.length > 1) {
      let best: [string, string] | null = null;
      let bestRank = Infinity;
      for (let i = 0; i < word.length - 1; i++) {
        const rank = this.ranks.get(pairKey(word[i], word[i + 1]));
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          best = [word[i], word[i + 1]];
        }
      }
      if (!best) break;
      const [first, second] = best;
      const merged: string[] = [];
      for (let i = 0; i < word.length; ) {
        if (i < word.length - 1 && word[i] === first && word[i + 1] === second) {
          merged.push(first + second);
          i += 2;
        } else {
          merged.push(word[i]);
          i += 1;
        }
      }
      word = merged;
    }
    this.cache.set(token, word);
    return word;
  }
}

function pairKey(a: string, b: string): string {
  return `${a} ${b}`;
}
