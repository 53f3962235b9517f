// OpenAI's official Node SDK, unmodified, pointed at this service: every response_format, both timestamp
// granularities, the SDK's own error types for a wrong key (401), a too-large file (413) and a rate-limited key (429),
// and the word error rate of the LibriVox clips. Runs against the stack scripts/test.sh starts (STT_URL, STT_API_KEY).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';
import { clipIds, clipPath, references, wordErrorRate } from '../lib/speech.js';
import { startPrivateApi } from '../lib/private-api.js';

const STT_URL = process.env.STT_URL ?? 'http://localhost:8080';
const STT_API_KEY = process.env.STT_API_KEY ?? 'none';
const MINUTES = 60_000;

const client = new OpenAI({ baseURL: `${STT_URL}/v1`, apiKey: STT_API_KEY, maxRetries: 0, timeout: 10 * MINUTES });
const firstClip = clipPath(clipIds()[0]);

test('json: the text object, and the job is an ordinary job of the key', { timeout: 5 * MINUTES }, async () => {
  const { data, response } = await client.audio.transcriptions
    .create({ file: fs.createReadStream(firstClip), model: 'whisper-1', language: 'en' })
    .withResponse();
  assert.deepEqual(Object.keys(data), ['text']);
  assert.ok(data.text.length > 10, data.text);
  const jobId = response.headers.get('x-job-id');
  const job = await (await fetch(`${STT_URL}/api/v1/jobs/${jobId}`, { headers: { 'X-API-Key': STT_API_KEY } })).json();
  assert.equal(job.status, 'completed');
  assert.equal(job.provider, 'pocketsphinx');
});

test('text, srt and vtt come back as strings', { timeout: 5 * MINUTES }, async () => {
  const text = await client.audio.transcriptions.create({ file: fs.createReadStream(firstClip), model: 'whisper-1',
    response_format: 'text' });
  assert.equal(typeof text, 'string');
  assert.ok(text.trim().split(/\s+/).length >= 5, text);
  assert.ok(text.endsWith('\n'));

  const srt = await client.audio.transcriptions.create({ file: fs.createReadStream(firstClip), model: 'whisper-1',
    response_format: 'srt' });
  assert.match(srt, /^1\n\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}\n\S/);

  const vtt = await client.audio.transcriptions.create({ file: fs.createReadStream(firstClip), model: 'pocketsphinx',
    response_format: 'vtt' });
  assert.match(vtt, /^WEBVTT\n\n\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}\n\S/);
});

test('verbose_json with segment and word timestamps', { timeout: 5 * MINUTES }, async () => {
  const segments = await client.audio.transcriptions.create({ file: fs.createReadStream(firstClip), model: 'whisper-1',
    response_format: 'verbose_json', timestamp_granularities: ['segment'] });
  assert.equal(segments.task, 'transcribe');
  assert.equal(segments.language, 'english');
  assert.ok(segments.duration > 3 && segments.duration < 15, `duration ${segments.duration}`);
  assert.ok(segments.segments.length >= 1);
  segments.segments.forEach((segment, i) => {
    assert.equal(segment.id, i);
    assert.ok(segment.start >= 0 && segment.end > segment.start && segment.end <= segments.duration + 0.5, JSON.stringify(segment));
    assert.equal(typeof segment.text, 'string');
  });
  assert.equal(segments.words, undefined);

  const both = await client.audio.transcriptions.create({ file: fs.createReadStream(firstClip), model: 'whisper-1',
    response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'] });
  assert.ok(both.segments.length >= 1);
  assert.ok(both.words.length >= 5, JSON.stringify(both.words));
  let previousStart = -1;
  for (const word of both.words) {
    assert.deepEqual(Object.keys(word).sort(), ['end', 'start', 'word']);
    assert.ok(word.start >= previousStart && word.end >= word.start, JSON.stringify(word));
    previousStart = word.start;
  }
  assert.equal(both.words.map((w) => w.word).join(' ').split(' ').length >= 5, true);
});

test('the text of the LibriVox clips has a word error rate of at most 0.40', { timeout: 10 * MINUTES }, async () => {
  const reference = references();
  const ids = clipIds();
  const texts = await Promise.all(ids.map((id) => client.audio.transcriptions
    .create({ file: fs.createReadStream(clipPath(id)), model: 'whisper-1', language: 'en' })
    .then((t) => t.text)));
  const wer = wordErrorRate(ids.map((id) => reference.get(id)).join(' '), texts.join(' '));
  console.log(`openai-sdk: WER of the ${ids.length} LibriVox clips through the SDK: ${wer.toFixed(3)}`);
  assert.ok(wer <= 0.40, `WER ${wer}`);
});

test('a wrong key is the SDK\'s AuthenticationError', async () => {
  const wrong = new OpenAI({ baseURL: `${STT_URL}/v1`, apiKey: 'not-a-key-of-this-service', maxRetries: 0 });
  await assert.rejects(
    wrong.audio.transcriptions.create({ file: fs.createReadStream(firstClip), model: 'whisper-1' }),
    (error) => {
      assert.ok(error instanceof OpenAI.AuthenticationError, String(error));
      assert.equal(error.status, 401);
      assert.equal(error.code, 'invalid_api_key');
      assert.equal(error.type, 'invalid_request_error');
      return true;
    });
});

test('models list the providers', async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  assert.ok(ids.includes('pocketsphinx') && ids.includes('whisper-1'), ids.join(','));
  const model = await client.models.retrieve('pocketsphinx');
  assert.equal(model.id, 'pocketsphinx');
});

// An API of its own with a 1 MiB upload limit and two submissions a minute: the refusals of the SDK's error types.
let limited;
const limitedKey = `sdk-limited-${crypto.randomBytes(8).toString('hex')}`;
const tooLarge = path.join(os.tmpdir(), `stt-sdk-too-large-${process.pid}.wav`);

before(async () => {
  limited = await startPrivateApi({ STT_API_KEYS: limitedKey, STT_MAX_UPLOAD_MB: '1', STT_RATE_LIMIT_RPM: '2',
    STT_RATE_LIMIT_WINDOW: '60S' });
  // a WAV header, then 1.5 MiB of noise: over the 1 MiB limit
  const bytes = crypto.randomBytes(1536 * 1024);
  bytes.write('RIFF', 0, 'ascii');
  bytes.write('WAVEfmt ', 8, 'ascii');
  fs.writeFileSync(tooLarge, bytes);
});

after(async () => {
  fs.rmSync(tooLarge, { force: true });
  await limited?.stop();
});

test('a file over the limit is a 413 APIError, and a key over its rate limit the SDK\'s RateLimitError', { timeout: 3 * MINUTES }, async () => {
  const sdk = new OpenAI({ baseURL: `${limited.url}/v1`, apiKey: limitedKey, maxRetries: 0 });
  await assert.rejects(sdk.audio.transcriptions.create({ file: fs.createReadStream(tooLarge), model: 'whisper-1' }),
    (error) => {
      assert.ok(error instanceof OpenAI.APIError, String(error));
      assert.equal(error.status, 413);
      assert.equal(error.code, 'payload_too_large');
      return true;
    });
  // submissions of no audio (415) until the key's two a minute are used up: then the SDK's RateLimitError
  const notAudio = async () => toFile(Buffer.from('not audio at all'), 'notes.mp3');
  let refusal;
  for (let attempt = 0; attempt < 3 && !refusal; attempt++) {
    try {
      await sdk.audio.transcriptions.create({ file: await notAudio(), model: 'whisper-1' });
      assert.fail('no audio was accepted');
    } catch (error) {
      assert.ok(error instanceof OpenAI.APIError, String(error));
      if (error.status === 429) refusal = error;
      else assert.equal(error.status, 415);
    }
  }
  assert.ok(refusal, 'the third submission of the minute is refused');
  assert.ok(refusal instanceof OpenAI.RateLimitError, String(refusal));
  assert.equal(refusal.code, 'rate_limit_exceeded');
  const retryAfter = Number(refusal.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
});
