// Client-side check only: the server normalises numbers to E.164 (CN by default) and has the last
// word. The form catches plain typos before a round trip, accepting the same everyday forms the
// server does: "138-0013-8000", "+86 138…", "0086…", full-width digits, landlines with area codes.

const fullWidthDigits = /[０-９]/g;

/** Digits only, full-width digits turned into ASCII, a leading + kept. */
export function phoneDigits(input: string): string {
  const ascii = input
    .replace(fullWidthDigits, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/＋/g, '+');
  const trimmed = ascii.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/** The national number of a Chinese number, without +86 / 0086; other countries keep their prefix. */
function chineseNationalNumber(digits: string): string | null {
  if (digits.startsWith('+86')) return digits.slice(3);
  if (digits.startsWith('0086')) return digits.slice(4);
  if (digits.startsWith('+') || digits.startsWith('00')) return null;
  return digits;
}

const allowedCharacters = /^[\s\d０-９+＋()（）\-–—.]+$/;

export type PhoneKind = 'mobile' | 'work' | 'home' | 'other';

/** Whether a number is plausible for its kind: mainland mobiles strictly, other kinds loosely. */
export function isPlausiblePhone(input: string, kind: PhoneKind = 'mobile'): boolean {
  if (!allowedCharacters.test(input)) return false;
  const digits = phoneDigits(input);
  const national = chineseNationalNumber(digits);
  if (kind === 'mobile') {
    // A foreign mobile (+44…) is the server's call; a Chinese one must be 1[3-9] + 9 digits.
    return national === null
      ? /^\+?\d{6,15}$/.test(digits.replace(/^00/, '+'))
      : /^1[3-9]\d{9}$/.test(national);
  }
  const bare = (national ?? digits).replace(/^\+/, '');
  return bare.length >= 5 && bare.length <= 15;
}

/** The query value for the duplicate lookup: what the person typed, tidied; null when not worth asking. */
export function phoneForLookup(input: string | null | undefined, kind: PhoneKind = 'mobile'): string | null {
  if (!input || !isPlausiblePhone(input, kind)) return null;
  return phoneDigits(input);
}
