package org.kaspa.aio.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ArgumentsTest {
    @Test
    void serviceFlagsAndOptionsInAnyOrder() {
        Arguments a = Arguments.parse(List.of("--format", "plain", "k-indexer", "--yes", "--out", "x.sql"),
                Set.of("--yes"), Set.of("--out", "--format"));
        assertEquals("k-indexer", a.service());
        assertTrue(a.has("--yes"));
        assertEquals("x.sql", a.option("--out").orElseThrow());
        assertEquals("plain", a.option("--format").orElseThrow());
        assertTrue(a.option("--in").isEmpty());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals("unknown argument '--nope'",
                assertThrows(UsageException.class, () -> Arguments.parse(List.of("--nope"), Set.of(), Set.of())).getMessage());
        assertEquals("unknown argument 'b'",
                assertThrows(UsageException.class, () -> Arguments.parse(List.of("a", "b"), Set.of(), Set.of())).getMessage());
        assertEquals("--out needs a value",
                assertThrows(UsageException.class, () -> Arguments.parse(List.of("k", "--out"), Set.of(), Set.of("--out"))).getMessage());
        assertEquals("name a service",
                assertThrows(UsageException.class, () -> Arguments.parse(List.of(), Set.of(), Set.of()).service()).getMessage());
        assertEquals("unknown argument 'extra'",
                assertThrows(UsageException.class, () -> Arguments.parse(List.of("extra"), Set.of(), Set.of()).noPositional()).getMessage());
    }
}
