package dev.stt.api.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Request bodies the upload tests send. */
public final class Bodies {

    private Bodies() {
    }

    /** {@code size} bytes that start like a WAV file (and pass the magic-byte check) followed by noise. */
    public static byte[] riffWav(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        System.arraycopy("WAVEfmt ".getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, 8);
        return bytes;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
