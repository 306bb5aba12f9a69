package org.kaspa.aio.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a host port is free, by trying to bind it the way the engine's port publisher would. */
public final class HostPortCheck {
    private HostPortCheck() {
    }

    public static boolean isFree(String bindAddress, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
