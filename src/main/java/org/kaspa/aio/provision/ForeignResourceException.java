package org.kaspa.aio.provision;

/** A container, volume or network has one of our names but not our labels: someone else's, left alone. */
public class ForeignResourceException extends org.kaspa.aio.errors.UserFacingException {
    public ForeignResourceException(String kind, String name) {
        super(kind + " '" + name + "' exists but was not created by kaspa-aio (no kaspa-aio.* labels); "
                + "refusing to touch it: rename or remove it, or choose another name in profile.json");
    }
}
