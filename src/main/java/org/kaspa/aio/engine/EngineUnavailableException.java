package org.kaspa.aio.engine;

/** No Docker engine answers where DOCKER_HOST (or the default socket) points. */
public class EngineUnavailableException extends EngineException {
    private final String host;

    public EngineUnavailableException(String host, Throwable cause) {
        super("Docker engine not reachable at " + host + " (set DOCKER_HOST or start the Docker engine): " + rootMessage(cause), cause);
        this.host = host;
    }

    public String host() {
        return host;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return (m == null ? root.getClass().getSimpleName() : m).lines().findFirst().orElse("");
    }
}
