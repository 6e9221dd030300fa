package dev.connectops.cam.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizeTest {

    @Test
    void picksTheDecimalUnitThatKeepsTheNumberShort() {
        assertEquals("0 B", ByteSize.format(0));
        assertEquals("999 B", ByteSize.format(999));
        assertEquals("1.5 kB", ByteSize.format(1_500));
        assertEquals("1.5 MB", ByteSize.format(1_500_000));
        assertEquals("1.07 GB", ByteSize.format(1L << 30));
    }

    @Test
    void rateUsesTheUnitThatSuitsItAndSurvivesZeroMillis() {
        assertEquals("2.0 MB/s", ByteSize.rate(4_000_000, 2_000));
        // A small archive uploaded in a tenth of a second is not "0.0 MB/s".
        assertEquals("36.0 kB/s", ByteSize.rate(3_600, 100));
        assertEquals("500.0 kB/s", ByteSize.rate(500, 0));
        assertEquals("1.50 GB/s", ByteSize.rate(3_000_000_000L, 2_000));
    }
}
