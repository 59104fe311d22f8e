/**
 * Shrinks a failing program while it still fails the same way: drops chunks of lines (ddmin),
 * halving the chunk size down to single lines. Programs that stop parsing do not count as failing.
 */
import { checkProgram, signature, type FuzzSetup } from './check-program';

export function minimize(text: string, file: string, wanted: string, setup: FuzzSetup): string {
  const stillFails = (candidate: string) => {
    const result = checkProgram(candidate, file, setup);
    return result !== 'unparsable' && result.some((f) => signature(f) === wanted);
  };
  let lines = text.split('\n');
  for (let chunk = Math.max(1, Math.floor(lines.length / 2)); chunk >= 1; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start < lines.length;) {
      const candidate = [...lines.slice(0, start), ...lines.slice(start + chunk)];
      if (candidate.length > 0 && stillFails(candidate.join('\n'))) lines = candidate;
      else start += chunk;
    }
  }
  return lines.join('\n');
}
