import iconv from 'iconv-lite';

/**
 * The legacy files were once read as Mac OS Roman and saved as UTF-8, so
 * `Vásquez` became `V√°squez`. We undo that run by run: a run of non-ASCII
 * characters is re-encoded to Mac Roman bytes, and kept decoded only when those
 * bytes form valid UTF-8 and give plausible Latin text. Genuine typography
 * (`“`, `é`, emoji) never forms valid multi-byte UTF-8 that way, so it is left alone.
 */
const NON_ASCII_RUN = /[^\x00-\x7f]{2,}/g;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
// What Western names and typography decode to: Latin-1 supplement, Latin Extended-A,
// dashes and quotes, euro sign. Anything else (`«É` would give U+01C3) was never mojibake.
const PLAUSIBLE = /^[\u00a0-\u017f\u2010-\u203a\u20ac]+$/u;

function repairRun(run: string): string {
  const bytes = iconv.encode(run, 'macintosh');
  if (iconv.decode(bytes, 'macintosh') !== run) return run; // not representable in Mac Roman
  try {
    const decoded = STRICT_UTF8.decode(bytes);
    return PLAUSIBLE.test(decoded) && decoded.length < run.length ? decoded : run;
  } catch {
    return run;
  }
}

/** Repairs Mac Roman mojibake in `text`; text without it comes back unchanged. */
export function repairMojibake(text: string): string {
  return text.replace(NON_ASCII_RUN, repairRun);
}
