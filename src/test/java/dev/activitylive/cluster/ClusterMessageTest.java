package dev.activitylive.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.activitylive.event.ActivityEventType;
import org.junit.jupiter.api.Test;

class ClusterMessageTest {

    @Test
    void roundTripsWithAndWithoutUserEvenWhenTheUserIdHoldsTheSeparator() {
        String json = "{\"type\":\"memory_operation\",\"data\":{\"note\":\"a\\nb\"}}";
        for (String user : new String[] {null, "", "alice", "a\nb\n-1\n{", "ü \u0000 x"}) {
            ClusterMessage message = new ClusterMessage(ActivityEventType.MEMORY_OPERATION, user, json);
            assertEquals(message, ClusterMessage.decode(message.encode()));
        }
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThrows(IllegalArgumentException.class, () -> ClusterMessage.decode("{}"));
        assertThrows(IllegalArgumentException.class, () -> ClusterMessage.decode("nonsense\n-1\n{}"));
        assertThrows(IllegalArgumentException.class, () -> ClusterMessage.decode("heartbeat\n99\nab"));
    }
}
