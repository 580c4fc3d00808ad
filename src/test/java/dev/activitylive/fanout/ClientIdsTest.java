package dev.activitylive.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientIdsTest {

    @Test
    void idsHaveTheOriginalsFormAndNeverRepeat() {
        Set<String> suffixes = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String id = ClientIds.next();
            assertTrue(id.matches("ws-\\d{13}-[0-9a-z]{7}"), id);
            suffixes.add(id.substring(id.lastIndexOf('-') + 1));
        }
        assertEquals(200_000, suffixes.size(), "unique even within one millisecond");
    }
}
