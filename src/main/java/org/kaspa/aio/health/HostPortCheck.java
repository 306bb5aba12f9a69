package org.kaspa.aio.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a host port is free, by trying to bind it the way the engine's port publisher would. */
public final class HostPortCheck {
    private HostPortCheck() {
    }

    /**
     * False when something here holds the port. An address that is not this machine's (the ports of a
     * remote engine are bound on its host) cannot be checked from here: true, and the engine is the judge.
     */
    public static boolean isFree(String bindAddress, int port) {
        try {
            InetAddress address = InetAddress.getByName(bindAddress);
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress() && java.net.NetworkInterface.getByInetAddress(address) == null) {
                return true;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(address, port));
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }
}
