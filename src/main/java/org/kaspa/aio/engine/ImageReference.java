package org.kaspa.aio.engine;

/** An image name split the way docker does: the tag follows the last ':' after the last '/'. */
public record ImageReference(String repository, String tag) {
    public static ImageReference parse(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return new ImageReference(image.substring(0, at), image.substring(at + 1));
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon > slash) {
            return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
        }
        return new ImageReference(image, "latest");
    }

    /**
     * Whether two names mean the same image: engines spell them differently (Podman reports a local
     * image as {@code localhost/name}, Docker Hub names may carry {@code docker.io/library/}).
     */
    public static boolean sameImage(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    /** The name without the registry prefixes engines add on their own ({@code localhost/}, {@code docker.io/library/}). */
    public static String canonical(String image) {
        ImageReference r = parse(image);
        String repo = r.repository();
        for (String prefix : new String[]{"localhost/", "docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/"}) {
            if (repo.startsWith(prefix)) {
                repo = repo.substring(prefix.length());
                break;
            }
        }
        return repo + (image.contains("@") ? "@" : ":") + r.tag();
    }
}
