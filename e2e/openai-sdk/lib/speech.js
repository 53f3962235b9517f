// The LibriVox clips of Debian's pocketsphinx-testdata with their reference text, and the word error rate
// (the same normalisation as the Java fixtures' WordErrorRate).
import fs from 'node:fs';
import path from 'node:path';

export const LIBRIVOX = '/usr/share/pocketsphinx/test/data/librivox';

export function clipIds() {
  return fs.readFileSync(path.join(LIBRIVOX, 'fileids'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
}

export function clipPath(id) {
  return path.join(LIBRIVOX, `${id}.wav`);
}

/** Reference words of each clip, by id. */
export function references() {
  const byId = new Map();
  for (const line of fs.readFileSync(path.join(LIBRIVOX, 'transcription'), 'utf8').split('\n')) {
    const match = line.trim().match(/^(.*)\((\S+)\)$/);
    if (match) {
      byId.set(match[2], match[1].replace(/<\/?s>/g, ' ').trim().replace(/\s+/g, ' '));
    }
  }
  return byId;
}

function words(text) {
  return text.toLowerCase()
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .replace(/(?<![\p{L}\p{N}])'|'(?![\p{L}\p{N}])/gu, ' ')
    .split(/\s+/).filter(Boolean);
}

/** Word-level edit distance over the reference's word count. */
export function wordErrorRate(reference, hypothesis) {
  const ref = words(reference);
  const hyp = words(hypothesis);
  if (ref.length === 0) throw new Error('the reference has no words');
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const current = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const substitution = previous[j - 1] + (ref[i - 1] === hyp[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j] + 1, current[j - 1] + 1);
    }
    previous = current;
  }
  return previous[hyp.length] / ref.length;
}
