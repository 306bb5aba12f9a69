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
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
            return true;
        } catch (java.net.BindException e) {
            return e.getMessage() != null && e.getMessage().contains("Cannot assign requested address");
        } catch (IOException e) {
            return false;
        }
    }
}
