/**
 * Text that does not lie (OWASP ASVS 4.0 §5.1): normalised, visibly present, and without the
 * control characters that make a name display as something other than what it is.
 */

/** Unicode NFC, so "é" typed as one code point or as "e" + accent is stored (and compared) the same. */
export function normaliseText(value: string): string {
  return value.normalize("NFC");
}

// Whitespace, format characters (zero-width spaces and joiners, bidi marks, BOM), controls, and the
// blank letters some fonts draw as nothing (Braille blank, Hangul fillers).
const INVISIBLE = /[\s\p{Cf}\p{Cc}\u2800\u115F\u1160\u3164\uFFA0]/gu;

/** True when the text has no character a reader could see (empty, spaces, zero-width spaces…). */
export function isBlankText(value: string): boolean {
  return value.replace(INVISIBLE, "") === "";
}

/** Left-to-right/right-to-left embeddings, overrides and isolates: U+202A–U+202E, U+2066–U+2069. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

export function hasBidiControls(value: string): boolean {
  return BIDI_CONTROLS.test(value);
}

export const BIDI_MESSAGE = "must not contain text-direction control characters";

/**
 * Control characters other than tab and line breaks, and unpaired surrogates: nothing a keyboard
 * types, and each would be sent as a six-byte escape.
 */
export function hasHiddenControls(value: string): boolean {
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u.test(value) || !isWellFormed(value);
}

function isWellFormed(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/**
 * The character cap that goes with a word limit: a generous average of 15 characters a word
 * (English prose averages 6 with its space), so only a wall of text without spaces hits it.
 */
export const CHARS_PER_WORD = 15;

export function charCapForWords(maxWords: number): number {
  return maxWords * CHARS_PER_WORD;
}

/** Text as a number: "-0" (and "+0", "00") mean 0, so a score is never stored as minus zero. */
export function canonicalInteger(value: string): string {
  const trimmed = value.trim();
  if (!/^[-+]?\d+$/u.test(trimmed)) return trimmed;
  const n = Number(trimmed);
  return Object.is(n, -0) ? "0" : String(n);
}
