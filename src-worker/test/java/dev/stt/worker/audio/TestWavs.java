package dev.stt.worker.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-built 16-bit mono WAV files with extra chunks, for the RIFF parsing edge cases ffmpeg does not produce. */
final class TestWavs {

    private TestWavs() {
    }

    static byte[] chunk(String id, byte[] body) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return buffer.array();
    }

    /** Writes RIFF, the extra chunks, fmt, another copy of the extra chunks, then data. */
    static Path write(Path file, int sampleRate, short[] samples, byte[]... extraChunks) throws IOException {
        ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16);
        ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            data.putShort(sample);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] extra : extraChunks) {
            body.writeBytes(extra);
        }
        body.writeBytes(chunk("fmt ", fmt.array()));
        for (byte[] extra : extraChunks) {
            body.writeBytes(extra);
        }
        body.writeBytes(chunk("data", data.array()));
        ByteBuffer riff = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(riff.array());
        out.writeBytes(body.toByteArray());
        return Files.write(file, out.toByteArray());
    }

    static short[] samples(Path file, WavFile wav) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) wav.dataOffset(), (int) wav.dataLength()).order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[(int) wav.frames()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = data.getShort();
        }
        return samples;
    }
}
