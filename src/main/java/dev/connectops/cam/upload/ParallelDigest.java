package dev.connectops.cam.upload;

import dev.connectops.cam.http.DaemonThreads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A digest computed on a thread of its own from buffers handed over in order. MD5 alone runs at about
 * the speed a loopback socket takes bytes, so computing it beside the socket writes, rather than between
 * them, keeps it off the upload's critical path whenever a core is free. A fixed set of buffers circulates
 * between the two threads: memory stays at {@code buffers × size} whatever the archive's size, and the
 * feeding thread waits when the digest falls behind.
 */
final class ParallelDigest implements AutoCloseable {
    private final MessageDigest digest;
    private final BlockingQueue<byte[]> free;
    private final ExecutorService worker;
    private volatile Throwable failure;

    ParallelDigest(MessageDigest digest, int buffers, int bufferSize) {
        this.digest = digest;
        this.free = new ArrayBlockingQueue<>(buffers);
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[bufferSize]);
        }
        this.worker = Executors.newSingleThreadExecutor(DaemonThreads.named("cam-upload-" + digest.getAlgorithm()));
    }

    /** A buffer to fill; waits while every buffer is still queued for the digest. */
    byte[] buffer() throws InterruptedIOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the upload's " + digest.getAlgorithm()
                    + " digest caught up");
        }
    }

    /**
     * Queues the first {@code length} bytes of a buffer taken from {@link #buffer()}. The caller may still
     * read the buffer (to send it) but must not write to it again before taking it anew.
     */
    void update(byte[] buffer, int length) {
        worker.execute(() -> {
            try {
                digest.update(buffer, 0, length);
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                free.add(buffer);
            }
        });
    }

    /** The digest of everything queued, once the worker has caught up. */
    byte[] digest() throws IOException {
        try {
            byte[] result = worker.submit((Callable<byte[]>) digest::digest).get();
            if (failure != null) {
                throw new IOException("Computing the upload's " + digest.getAlgorithm() + " digest failed", failure);
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the upload's " + digest.getAlgorithm()
                    + " digest caught up");
        } catch (ExecutionException e) {
            throw new IOException("Computing the upload's " + digest.getAlgorithm() + " digest failed", e.getCause());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
