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
}
