package dev.catena.cli.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An input stream that runs {@code onEnd} once its end is reached: the stdio client went away. */
final class NotifyingInputStream extends FilterInputStream {

    private final java.lang.Runnable onEnd;

    NotifyingInputStream(InputStream in, java.lang.Runnable onEnd) {
        super(in);
        this.onEnd = onEnd;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) onEnd.run();
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n < 0) onEnd.run();
        return n;
    }
}
