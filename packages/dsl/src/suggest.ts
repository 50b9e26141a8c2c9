/** Did-you-mean: the closest known name by edit distance, when it is close enough to be a likely typo. */
import { distance } from 'fastest-levenshtein';

export function closestName(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(word.length / 3));
  return best !== null && bestDistance <= allowed ? best : null;
}

/** `did you mean \`x\`?` as a fix, or a list of the allowed names when nothing is close. */
export function suggestion(word: string, candidates: readonly string[]): { message: string; replacement?: string } | undefined {
  candidates = [...new Set(candidates)];
  if (candidates.length === 0) return undefined;
  const best = closestName(word, candidates);
  if (best !== null) return { message: `did you mean \`${best}\`?`, replacement: best };
  return { message: `expected one of: ${candidates.join(', ')}` };
}
