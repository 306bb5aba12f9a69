package org.kaspa.aio.health;

import org.kaspa.aio.profile.HostAddress;

/**
 * Where this machine dials to reach one published port ({@code host:port}), and how to name it to a
 * person: the published address, and whether the dialling goes through the engine's API because that
 * address cannot be reached from here (a remote engine's loopback).
 */
public record Endpoint(String host, int port, String publishedHost, int publishedPort, boolean throughEngine) {

    public static Endpoint direct(String host, int port) {
        return new Endpoint(host, port, host, port, false);
    }

    /** "127.0.0.1:5433", or "127.0.0.1:5433 on the engine's host (checked through the engine)". */
    public String describe() {
        String published = HostAddress.forUrl(publishedHost) + ":" + publishedPort;
        return throughEngine ? published + " on the engine's host (checked through the engine)" : published;
    }

    /** How the checks reach it, for status --json: "direct" or "engine". */
    public String checkedThrough() {
        return throughEngine ? "engine" : "direct";
    }
}
