package dev.connectops.cam.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class NetworkFailureTest {

    @Test
    void unresolvableHostIsNamedOnceWithTheResolversReasonAfterIt() {
        UnknownHostException e = new UnknownHostException("api.confluent.cloud: Name or service not known");

        assertEquals("the host name api.confluent.cloud cannot be resolved (Name or service not known)",
                NetworkFailure.describe(e));
    }

    @Test
    void unresolvableHostWithoutAReasonIsStillNamed() {
        assertEquals("the host name api.confluent.cloud cannot be resolved",
                NetworkFailure.describe(new UnknownHostException("api.confluent.cloud")));
    }

    @Test
    void whatTheJdkReallySaysForAnInvalidNameReadsTheSameWay() {
        // RFC 6761 reserves .invalid: no resolver answers for it.
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> InetAddress.getByName("cam-upload.invalid"));

        String described = NetworkFailure.describe(e);

        assertTrue(described.startsWith("the host name cam-upload.invalid cannot be"
                + " resolved"), described);
    }
}
