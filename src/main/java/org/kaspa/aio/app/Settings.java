package org.kaspa.aio.app;

import org.kaspa.aio.profile.Profile;
import org.kaspa.aio.profile.Secrets;

/** A profile and its secrets, as read from (or about to be written to) the home directory. */
public record Settings(Profile profile, Secrets secrets) {
}
