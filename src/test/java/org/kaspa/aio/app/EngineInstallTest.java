package org.kaspa.aio.app;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Where installing the engine is offered, what it says it will run, and what it names elsewhere. */
class EngineInstallTest {
    private static final String DEBIAN = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n";
    private static final String MINT = "PRETTY_NAME=\"Linux Mint 21.3\"\nID=linuxmint\nID_LIKE=\"ubuntu debian\"\n";
    private static final String FEDORA = "PRETTY_NAME=\"Fedora Linux 40 (Workstation Edition)\"\nID=fedora\n";

    @Test
    void onDebianAndWhatDerivesFromItTheDistributionsDockerIsOffered() {
        var debian = EngineInstall.offer("Linux", DEBIAN, "alice");
        assertTrue(debian.offered());
        assertEquals("Debian GNU/Linux 12 (bookworm)", debian.system());
        assertEquals("apt-get install -y --no-install-recommends docker.io acl (keeping any configuration the machine already has)", debian.commands().get(1));
        assertTrue(debian.commands().contains("usermod -aG docker alice (from your next login on)"), debian.commands().toString());
        assertTrue(EngineInstall.offer("Linux", MINT, "bob").offered(), "ID_LIKE ubuntu");
        assertTrue(EngineInstall.offer("Linux", DEBIAN, "root").commands().stream().noneMatch(c -> c.startsWith("usermod")), "root needs no group");
    }

    @Test
    void elsewhereItNamesWhatToInstallWithLinks() {
        var fedora = EngineInstall.offer("Linux", FEDORA, "alice");
        assertFalse(fedora.offered());
        assertTrue(fedora.guidance().contains("podman") && fedora.guidance().contains("https://"), fedora.guidance());
        var mac = EngineInstall.offer("Mac OS X", null, "alice");
        assertFalse(mac.offered());
        assertTrue(mac.guidance().contains("Colima") && mac.guidance().contains("Docker Desktop"), mac.guidance());
        assertTrue(EngineInstall.offer("Windows 11", null, "alice").guidance().contains("Podman Desktop"));
        assertFalse(EngineInstall.offer("Linux", null, "alice").offered(), "an unknown distribution: guidance only");
    }

    @Test
    void theScriptEchoesEachCommandAndStartsTheEngineTheWayTheMachineAllows() {
        assertTrue(EngineInstall.SCRIPT.contains("run() { echo \"+ $*\"; \"$@\"; }"));
        assertTrue(EngineInstall.SCRIPT.contains("if [ -d /run/systemd/system ]; then"));
        assertTrue(EngineInstall.SCRIPT.contains("run /etc/init.d/docker start"));
        var r = org.kaspa.aio.testsupport.Proc.run("sh", "-n", "-c", EngineInstall.SCRIPT);
        assertEquals(0, r.exitCode(), "sh reads it: " + r);
    }
}
