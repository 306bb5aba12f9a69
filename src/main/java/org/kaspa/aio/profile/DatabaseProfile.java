package org.kaspa.aio.profile;

/** The user's choices for one database container; field names are the profile.json keys. */
public record DatabaseProfile(String container, String image, String name, String user, int port, String volume) {
    /** The port the server listens on inside its container (the postgres image's); {@code port} is the host's. */
    public static final int CONTAINER_PORT = 5432;

    public DatabaseProfile withPort(int newPort) {
        return new DatabaseProfile(container, image, name, user, newPort, volume);
    }

    public DatabaseProfile withImage(String newImage) {
        return new DatabaseProfile(container, newImage, name, user, port, volume);
    }
}
