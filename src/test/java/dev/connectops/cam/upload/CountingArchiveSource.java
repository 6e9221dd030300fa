package dev.connectops.cam.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Opens archives from disk and counts how often they are opened and how many bytes are read from them. */
final class CountingArchiveSource implements ArchiveSource {
    private final AtomicInteger opens = new AtomicInteger();
    private final AtomicLong bytesRead = new AtomicLong();

    @Override
    public InputStream open(Path archive) throws IOException {
        opens.incrementAndGet();
        return new FilterInputStream(Files.newInputStream(archive)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b != -1) {
                    bytesRead.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    bytesRead.addAndGet(n);
                }
                return n;
            }
        };
    }

    int opens() {
        return opens.get();
    }

    long bytesRead() {
        return bytesRead.get();
    }
}
