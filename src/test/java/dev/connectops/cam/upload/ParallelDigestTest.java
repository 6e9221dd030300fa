package dev.connectops.cam.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParallelDigestTest {

    @Test
    void digestOfBuffersHandedOverInOrderEqualsADigestInOnePass() throws Exception {
        MessageDigest onePass = MessageDigest.getInstance("MD5");
        Random random = new Random(11);
        Set<byte[]> distinctBuffers = Collections.newSetFromMap(new IdentityHashMap<>());
        byte[] result;
        try (ParallelDigest parallel = new ParallelDigest(MessageDigest.getInstance("MD5"), 3, 1000)) {
            for (int i = 0; i < 500; i++) {
                byte[] buffer = parallel.buffer();
                distinctBuffers.add(buffer);
                int length = 1 + random.nextInt(buffer.length);
                random.nextBytes(buffer);
                onePass.update(buffer, 0, length);
                parallel.update(buffer, length);
            }
            result = parallel.digest();
        }

        assertArrayEquals(onePass.digest(), result);
        assertEquals(3, distinctBuffers.size(), "the same three buffers circulate, whatever the amount of data");
    }

    @Test
    void digestOfNothingIsTheDigestOfNoBytes() throws Exception {
        try (ParallelDigest parallel = new ParallelDigest(MessageDigest.getInstance("SHA-256"), 2, 16)) {
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(), parallel.digest());
        }
    }
}
