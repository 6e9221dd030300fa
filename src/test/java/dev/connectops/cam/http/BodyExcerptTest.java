package dev.connectops.cam.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyExcerptTest {
    private static final Redaction NOTHING = new Redaction(List.of());

    @Test
    void emptyOrMissingBodyIsNamedAsEmpty() {
        assertEquals("(empty body)", BodyExcerpt.of(new byte[0], NOTHING));
        assertEquals("(empty body)", BodyExcerpt.of(null, NOTHING));
    }

    @Test
    void shortBodyIsQuotedWholeWithWhitespaceCollapsedToOneLine() {
        byte[] body = "<html>\n  <body>\r\n\t<h1>502 Bad Gateway</h1>\n</body>\n</html>\n".getBytes(StandardCharsets.UTF_8);

        assertEquals("<html> <body> <h1>502 Bad Gateway</h1> </body> </html>", BodyExcerpt.of(body, NOTHING));
    }

    @Test
    void bodyOfExactlyTheLimitIsNotCut() {
        String text = "x".repeat(BodyExcerpt.LIMIT);

        assertEquals(text, BodyExcerpt.of(text.getBytes(StandardCharsets.UTF_8), NOTHING));
    }

    @Test
    void longBodyIsCutAfter200CharactersWithAnEllipsis() {
        String text = "0123456789".repeat(30);

        String excerpt = BodyExcerpt.of(text.getBytes(StandardCharsets.UTF_8), NOTHING);

        assertEquals(200, BodyExcerpt.LIMIT);
        assertEquals(text.substring(0, 200) + "…", excerpt);
    }

    @Test
    void secretIsRemovedBeforeTheCutSoNoPartOfItSurvives() {
        String secret = "973938866ff1e965b2c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6";
        // The secret straddles the 200-character cut: cutting first would leave its first half.
        String text = "x".repeat(170) + " x-amz-signature=" + secret + " trailing";

        String excerpt = BodyExcerpt.of(text.getBytes(StandardCharsets.UTF_8), new Redaction(List.of(secret)));

        assertFalse(excerpt.contains(secret.substring(0, 8)), excerpt);
        assertTrue(excerpt.contains("x-amz-signature=****"), excerpt);
    }
}
