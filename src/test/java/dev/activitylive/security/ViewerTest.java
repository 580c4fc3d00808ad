package dev.activitylive.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Per-user scoping: own events and events about nobody; admins and unauthenticated-mode viewers see all. */
class ViewerTest {

    private final Viewer alice = new Viewer("alice", false, Optional.empty());
    private final Viewer admin = new Viewer("admin", true, Optional.empty());

    @Test
    void aUserSeesEventsAboutThemselfAndAboutNobody() {
        assertTrue(alice.maySee("alice"));
        assertTrue(alice.maySee(null));
        assertFalse(alice.maySee("bob"));
        assertFalse(alice.maySee("Alice"), "user ids are compared exactly");
        assertFalse(alice.maySee(""));
    }

    @Test
    void anAdminAndEveryoneInOpenModeSeeAll() {
        assertTrue(admin.maySee("bob"));
        assertTrue(Viewer.everyone().maySee("bob"));
        assertTrue(Viewer.everyone().maySee(null));
    }

    @Test
    void aViewerWithoutLoginSessionNeverEnds() {
        assertFalse(alice.loginEnded());
    }
}
