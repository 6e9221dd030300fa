import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a ZIP of exactly the given size: one STORED entry of incompressible pseudo-random bytes, so
 * the plugin's archive checks accept it and its size is the size on the wire. The bytes come from a
 * seeded generator, twice (once for the CRC that STORED entries need up front, once to write them), so
 * nothing of the size is held in memory.
 *
 * <p>Usage: {@code SyntheticArchive <file> <bytes>}.
 */
public final class SyntheticArchive {
    private static final String ENTRY = "payload.bin";
    /** Local header (30) and central directory entry (46) plus the name in each, and the end record (22). */
    private static final long OVERHEAD = 30 + 46 + 22 + 2L * ENTRY.length();
    private static final int CHUNK = 1 << 20;
    private static final long SEED = 20261203L;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SyntheticArchive <file> <bytes>");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        long data = size - OVERHEAD;
        if (data < 1 || data >= 0xFFFFFFFFL) {
            throw new IllegalArgumentException("size must be between " + (OVERHEAD + 1) + " bytes and 4 GiB");
        }
        CRC32 crc = new CRC32();
        generate(data, crc::update);
        ZipEntry entry = new ZipEntry(ENTRY);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data);
        entry.setCompressedSize(data);
        entry.setCrc(crc.getValue());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), CHUNK);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(entry);
            generate(data, zip::write);
            zip.closeEntry();
        }
        if (Files.size(file) != size) {
            throw new IllegalStateException(file + " came out " + Files.size(file) + " bytes, not " + size);
        }
    }

    private interface Sink {
        void accept(byte[] bytes, int offset, int length) throws IOException;
    }

    private static void generate(long bytes, Sink sink) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        byte[] chunk = new byte[CHUNK];
        for (long left = bytes; left > 0; ) {
            for (int i = 0; i < CHUNK; i += 8) {
                long value = random.nextLong();
                for (int b = 0; b < 8; b++) {
                    chunk[i + b] = (byte) (value >>> (8 * b));
                }
            }
            int n = (int) Math.min(CHUNK, left);
            sink.accept(chunk, 0, n);
            left -= n;
        }
    }
}
