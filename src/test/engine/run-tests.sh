#!/bin/bash
# The README's test command. On a new Debian 12 machine as root it does all the set-up itself
# (engine.sh up):
#   1. installs what the tests need (JDK 17, Maven, Docker engine, debootstrap, PostgreSQL client, registry)
#   2. starts a private dockerd (overlay2, falling back to vfs) and a registry on 127.0.0.1:5000
#   3. builds the PostgreSQL stand-in image (rootfs cached in /var/cache/kaspa-aio-test) and pushes a
#      variant to the registry so that real pulls with progress can be tested
# then runs `mvn -Pinstaller verify` (unit tests, the jar and the jpackage installers, then engine, UI and
# installer tests against the real engine), and at the end,
# also when a step fails, removes what the tests created and stops the daemon and registry (engine.sh down).
# Extra arguments go to Maven, e.g. `-Dit.test=ProvisionIT`.
set -Eeuo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
export PATH="/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/sbin:/usr/local/bin:$PATH"

trap 'bash "$here/engine.sh" down' EXIT
trap 'exit 130' INT TERM
eval "$(bash "$here/engine.sh" up)"
cd "$repo"
mvn -B -ntp -Pinstaller verify "$@"
